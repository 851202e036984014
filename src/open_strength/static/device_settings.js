// The participant's choice of what this browser keeps, shown on the privacy page.
const OS_CHOICES = [
  ["page", "Nothing saved", "Answers stay on the page until you close or reload it. Keep your save codes to see them again."],
  ["keep", "Keep my answers and notes in this browser", "They come back when you reload or return, on this browser only. " +
    "Choose this only on your own device."],
  ["shared", "I am on a shared or public computer", "Nothing is saved, a Quick exit button appears on every page, and " +
    "downloaded files get plain names. This lasts until you close this tab."],
];

function render({ model, el }) {
  const serverShared = model.get("shared_device");
  const uid = `os-dev-${Math.random().toString(36).slice(2, 8)}`;
  const root = osEl("section", { class: "os-device", "aria-labelledby": `${uid}-h` });
  root.append(osEl("h3", { id: `${uid}-h`, text: "What this browser keeps" }));
  const status = osEl("p", { class: "os-status", role: "status", "aria-live": "polite" });
  const forget = osEl("button", { type: "button", class: "os-secondary", text: "Forget everything this workshop kept in this browser" });
  const count = () => {
    const keys = osOwnKeys(localStorage);
    const forms = keys.filter((k) => k.startsWith(OS_PREFIX + "answers:")).length;
    const notes = keys.filter((k) => k.startsWith(OS_PREFIX + "notes:")).length;
    const aside = keys.filter((k) => k.startsWith(OS_PREFIX + "set-aside:")).length;
    return { forms, notes, aside, any: keys.length > 0 };
  };
  const describe = () => {
    const kept = count();
    const parts = [];
    if (kept.forms) parts.push(`answers to ${kept.forms} form${kept.forms > 1 ? "s" : ""}`);
    if (kept.notes) parts.push(`${kept.notes} private note${kept.notes > 1 ? "s" : ""}`);
    if (kept.aside) parts.push(`${kept.aside} set-aside cop${kept.aside > 1 ? "ies" : "y"} that could not be read`);
    status.textContent = parts.length ? `This browser now keeps ${parts.join(", ")}.` : "This browser keeps nothing from this workshop.";
    forget.hidden = !kept.any;
  };
  if (serverShared) {
    root.append(osEl("p", { text: "This workshop is set up for shared computers: nothing is saved in this browser, and " +
      "every page has a Quick exit button. Keep your save codes with you." }));
  } else {
    const group = osEl("fieldset", { class: "os-setting", role: "radiogroup", "aria-labelledby": `${uid}-q` });
    group.append(osEl("legend", { id: `${uid}-q`, text: "Choose what this browser keeps:" }));
    const current = osMode(false);
    for (const [value, label, about] of OS_CHOICES) {
      const input = osEl("input", { type: "radio", name: `${uid}-mode`, value, "aria-describedby": `${uid}-${value}` });
      input.checked = value === current;
      input.addEventListener("change", () => { osSetMode(value); describe(); });
      group.append(osEl("div", { class: "os-choice" },
        osEl("label", { class: "os-option os-option-wide" }, input, osEl("span", { text: label })),
        osEl("p", { id: `${uid}-${value}`, class: "os-hint", text: about })));
    }
    root.append(group);
    if (model.get("host") === "binder") root.append(osEl("p", { class: "os-warning", role: "note", text: OS_BINDER_WARNING }));
  }
  forget.addEventListener("click", () => {
    const mode = osMode(serverShared);
    osForget();
    if (mode === "shared") osSetMode("shared");
    describe();
    status.textContent = "Done: this browser keeps nothing from this workshop now. " + status.textContent.replace(/.*\. /, "");
  });
  root.append(status, osEl("div", { class: "os-device-row" }, forget));
  window.addEventListener(OS_MODE_EVENT, describe);
  describe();
  el.classList.add("os-widget");
  el.append(root);
  return () => window.removeEventListener(OS_MODE_EVENT, describe);
}
export default { render };
