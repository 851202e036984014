from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def sample():
    from open_strength.instruments import load_file

    return load_file(FIXTURES / "instruments" / "sample.yaml")
