// The session-0 save code (or file, or the copy this browser kept) for the change chart.
function render({ model, el }) {
  const serverShared = model.get("shared_device");
  const uid = `os-base-${Math.random().toString(36).slice(2, 8)}`;
  const box = osEl("section", { class: "os-device", "aria-labelledby": `${uid}-h` });
  const input = osEl("input", { type: "text", id: `${uid}-code`, autocomplete: "off", spellcheck: "false", autocapitalize: "characters" });
  const file = osEl("input", { type: "file", id: `${uid}-file`, accept: ".json,application/json,text/plain" });
  const use = osEl("button", { type: "button", class: "os-secondary", text: "Compare with my baseline" });
  const kept = osEl("button", { type: "button", class: "os-secondary", text: "Use the baseline answers this browser kept" });
  const status = osEl("p", { class: "os-status", role: "status", "aria-live": "polite" });
  const send = (text) => {
    if (!text || !text.trim()) { status.textContent = "Paste your save code first, or choose your file."; return; }
    status.classList.remove("os-error");
    status.textContent = "Reading your baseline answers…";
    model.send({ kind: "baseline", text });
  };
  use.addEventListener("click", () => send(input.value));
  input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); send(input.value); } });
  file.addEventListener("change", () => {
    const chosen = file.files && file.files[0];
    if (chosen && chosen.size < 100000) chosen.text().then(send);
  });
  const keptCopy = osMode(serverShared) === "keep" ? osRead("answers:baseline-checkin") : null;
  kept.hidden = !keptCopy;
  kept.addEventListener("click", () => send(keptCopy));
  box.append(
    osEl("h3", { id: `${uid}-h`, text: "Compare with your baseline check-in" }),
    osEl("p", { text: "Paste the save code you kept from the baseline check-in (session 0), or choose its file. " +
      "Your answers then and now are compared below. Nothing is saved on the workshop computer." }),
    osEl("div", { class: "os-field" }, osEl("label", { for: `${uid}-code`, text: "Your baseline save code (it starts with OS-)" }), input),
    osEl("div", { class: "os-device-row" }, use, kept),
    osEl("div", { class: "os-field" }, osEl("label", { for: `${uid}-file`, text: "Or choose the baseline file you downloaded" }), file),
    status);
  const show = () => {
    status.textContent = model.get("message");
    status.classList.toggle("os-error", model.get("failed"));
  };
  model.on("change:message", show);
  model.on("change:failed", show);
  el.classList.add("os-widget");
  el.append(box);
}
export default { render };
