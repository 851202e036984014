// Sharing with the group, only if the participant chooses: scores only, with a random share id kept
// for this form in this browser (so a re-share replaces the earlier one, and it can be withdrawn).
function shareId(instrument, serverShared) {
  const key = `${OS_PREFIX}share-id:${instrument}`;
  const store = osMode(serverShared) === "keep" ? localStorage : sessionStorage;
  let id = osTry(() => store.getItem(key), null);
  if (!id) {
    const bytes = new Uint8Array(5);
    crypto.getRandomValues(bytes);
    id = String(bytes.reduce((n, b) => n * 256 + b, 0));
    osTry(() => store.setItem(key, id));
  }
  return Number(id);
}

function render({ model, el }) {
  const serverShared = model.get("shared_device");
  const uid = `os-share-${Math.random().toString(36).slice(2, 8)}`;
  const section = osEl("section", { class: "os-save os-share", "aria-labelledby": `${uid}-h` });
  const what = osEl("p", { id: `${uid}-what` });
  const groupBox = osEl("fieldset", { class: "os-setting", role: "radiogroup", "aria-labelledby": `${uid}-g` });
  groupBox.append(osEl("legend", { id: `${uid}-g`, text: "Only in a group with partners of different genders: count my scores with" }));
  const groupOptions = osEl("div", { class: "os-options os-options-inline" });
  let group = "";
  for (const [value, label] of [["", "no one in particular"], ["men", "men"], ["women", "women"], ["another", "another group"]]) {
    const input = osEl("input", { type: "radio", name: `${uid}-group`, value });
    input.checked = value === "";
    input.addEventListener("change", () => { group = value; });
    groupOptions.append(osEl("label", { class: "os-option" }, input, osEl("span", { text: label })));
  }
  groupBox.append(groupOptions);
  // Facilitator mode: the server keeps a group folder, so scores can go straight to the group.
  const groupMode = model.get("group_mode");
  const send = osEl("button", { type: "button", class: "os-secondary os-send", text: "Send to the group" });
  const takeBack = osEl("button", { type: "button", class: "os-secondary", text: "Take back what I sent" });
  const make = osEl("button", { type: "button", class: "os-secondary", text: "Make my share code" });
  const withdraw = osEl("button", { type: "button", class: "os-secondary", text: "Withdraw my shared scores" });
  const output = osEl("textarea", { id: `${uid}-code`, class: "os-code", readonly: true, rows: 2, spellcheck: "false" });
  const outputLabel = osEl("label", { for: `${uid}-code`, text: "Your code for the facilitator" });
  const status = osEl("p", { class: "os-status", role: "status", "aria-live": "polite" });
  section.append(
    osEl("h3", { id: `${uid}-h`, text: "Share with the group (only if you want to)" }), what, groupBox,
    ...(groupMode ? [osEl("div", { class: "os-device-row" }, send, takeBack)] : []),
    osEl("div", { class: "os-device-row" }, make, withdraw), outputLabel, output, status,
    osEl("p", { class: "os-warning", role: "note", text: "If you paste a code into a video call's chat, your name goes with it. " +
      "Ask your facilitator for a way to hand it in without your name, such as a form or a slip of paper." }));
  const describe = () => {
    section.hidden = !model.get("ready");
    what.textContent = `A share code carries only your averages for ${model.get("shared_names").join(", ")}, ` +
      "the form's name and version, today's date, and a random number that lets you replace or withdraw it. " +
      "It never carries your answers to single questions or anything you wrote. The group's results are shown " +
      "only when at least five people have shared." +
      (groupMode ? " “Send to the group” passes it to your facilitator's screen without your name; a code does the same by hand." : "");
  };
  const shown = { share: "share_code", withdraw: "withdraw_code" };
  let asked = null;
  const showCode = () => {
    if (!asked) return;
    output.value = model.get(shown[asked]);
    outputLabel.textContent = asked === "share" ? "Your share code for the facilitator" : "Your withdrawal code for the facilitator";
    status.textContent = asked === "share"
      ? "Give this code to your facilitator. Sharing again later replaces this one."
      : "Give this code to your facilitator: it takes your shared scores out of the group's results.";
  };
  make.addEventListener("click", () => {
    asked = "share";
    model.send({ kind: "share", share_id: shareId(model.get("instrument"), serverShared), group });
  });
  withdraw.addEventListener("click", () => {
    asked = "withdraw";
    model.send({ kind: "withdraw", share_id: shareId(model.get("instrument"), serverShared) });
  });
  send.addEventListener("click", () => {
    asked = null;
    status.textContent = "Sending…";
    model.send({ kind: "send", share_id: shareId(model.get("instrument"), serverShared), group });
  });
  takeBack.addEventListener("click", () => {
    asked = null;
    status.textContent = "Taking it back…";
    model.send({ kind: "take-back", share_id: shareId(model.get("instrument"), serverShared) });
  });
  model.on("change:sent", () => {
    const sent = model.get("sent") || {};
    const taken = sent.kind === "taken-back";
    output.value = model.get(taken ? "withdraw_code" : "share_code");
    outputLabel.textContent = taken ? "The withdrawal code, in case your facilitator asks for it"
      : "The same scores as a code, in case your facilitator asks for it";
    status.textContent = sent.message || "";
    section.dataset.sent = sent.kind || "";
  });
  model.on("change:share_code", showCode);
  model.on("change:withdraw_code", showCode);
  model.on("change:ready", describe);
  describe();
  el.classList.add("os-widget");
  el.append(section);
}
export default { render };
