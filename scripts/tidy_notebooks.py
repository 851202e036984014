"""Give every cell an id, clear outputs, set the python3 kernelspec and the page title in every workshop notebook.

Run it before committing: `python scripts/tidy_notebooks.py`. With --check it changes nothing
and exits 1 if any notebook needs tidying (the test suite runs the same check).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}


def workshop_notebooks() -> list[Path]:
    found = []
    for folder in ("notebooks", "exercises", "facilitator-guide"):
        for path in sorted((ROOT / folder).rglob("*.ipynb")):
            if ".ipynb_checkpoints" in path.parts or (folder == "notebooks" and "exercises" in path.relative_to(ROOT / folder).parts[:1]):
                continue
            found.append(path)
    return found


def tidy(nb: dict) -> dict:
    taken = {cell.get("id") for cell in nb.get("cells", [])}
    for index, cell in enumerate(nb.get("cells", [])):
        if not cell.get("id"):  # nbformat 4.5 needs an id on every cell; make one that is not taken
            cell["id"] = next(f"cell-{index}-{n}" for n in range(1000) if f"cell-{index}-{n}" not in taken)
            taken.add(cell["id"])
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        cell.get("metadata", {}).pop("execution", None)
    meta = nb.setdefault("metadata", {})
    meta["kernelspec"] = dict(KERNELSPEC)
    meta.setdefault("language_info", {"name": "python"})
    page = meta.get("open_strength", {})
    if page.get("title"):
        meta["title"] = f"Open Strength: {page['title']}"
    meta.pop("widgets", None)
    return nb


def main(argv: list[str]) -> int:
    check = "--check" in argv
    untidy = []
    for path in workshop_notebooks():
        text = path.read_text(encoding="utf-8")
        nb = json.loads(text)
        new = json.dumps(tidy(json.loads(text)), indent=1, ensure_ascii=False) + "\n"
        if json.loads(new) != nb:
            untidy.append(path.relative_to(ROOT).as_posix())
            if not check:
                path.write_text(new, encoding="utf-8")
    if untidy:
        print(("needs tidying: " if check else "tidied: ") + ", ".join(untidy))
    return 1 if (check and untidy) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
