// The save code and the saved file, shown once results are drawn. The download is made here, in the
// browser; the file holds answers only.
function render({ model, el }) {
  const serverShared = model.get("shared_device");
  const uid = `os-save-${Math.random().toString(36).slice(2, 8)}`;
  const section = osEl("section", { class: "os-save", "aria-labelledby": `${uid}-heading` });
  // A two-line box, so a long code wraps on a phone instead of hiding its end.
  const input = osEl("textarea", { id: `${uid}-code`, class: "os-code", readonly: true, rows: 2, spellcheck: "false",
    "aria-describedby": `${uid}-about` });
  const copy = osEl("button", { type: "button", class: "os-secondary", text: "Copy the code" });
  const download = osEl("button", { type: "button", class: "os-secondary", text: "Download a file" });
  const status = osEl("p", { class: "os-status", role: "status", "aria-live": "polite" });
  section.append(
    osEl("h3", { id: `${uid}-heading`, text: "Keep your answers" }),
    osEl("p", { id: `${uid}-about`, text: "This save code holds your answers to this form, and nothing you wrote. " +
      "Keep it somewhere private, such as a note on your phone. The file holds the same answers." }),
    osEl("label", { for: `${uid}-code`, text: "Your save code" }), input,
    osEl("div", { class: "os-device-row" }, copy, download), status,
    osEl("p", { class: "os-hint", text: "To see these answers again, on this or any other computer, open this page, " +
      "choose \"Bring back answers from a save code or a file\" at the top of the form, and paste the code." }));

  const show = () => {
    const code = model.get("code");
    section.hidden = !code;
    input.value = code;
    status.textContent = "";
  };
  copy.addEventListener("click", () => {
    const done = () => { status.textContent = "Copied. Paste it somewhere private."; };
    const byHand = () => {
      input.focus();
      input.select();
      status.textContent = "Your browser did not let this page copy. The code is selected: copy it yourself.";
    };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(input.value).then(done, byHand);
    else byHand();
  });
  download.addEventListener("click", () => {
    const name = osFileName(model.get("file_base"), serverShared);
    osDownload(model.get("file_text"), name);
    status.textContent = `Downloaded as ${name}.`;
  });
  model.on("change:code", show);
  show();
  el.classList.add("os-widget");
  el.append(section);
  return () => model.off("change:code", show);
}
export default { render };
