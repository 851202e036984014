// A private writing box. Its text is never put in the widget model, so it never reaches the kernel.
function render({ model, el }) {
  const id = `os-ref-${Math.random().toString(36).slice(2, 9)}`;
  const wrap = document.createElement("div");
  wrap.className = "os-reflection";
  const label = document.createElement("label");
  label.htmlFor = id;
  label.textContent = model.get("prompt");
  const box = document.createElement("textarea");
  box.id = id;
  box.rows = 4;
  box.setAttribute("aria-describedby", `${id}-note`);
  const note = document.createElement("p");
  note.id = `${id}-note`;
  note.className = "os-reflection-note";
  note.textContent = "Private: what you write stays in this browser tab and is never sent anywhere.";
  wrap.append(label, box, note);
  el.append(wrap);
}
export default { render };
