// Rewrite a harsh opening in your own words and check it against a short list. The words stay here.
function render({ model, el }) {
  const serverShared = model.get("shared_device");
  const storeKey = "notes:start-up-rewrite";
  const openings = model.get("openings");
  const startupChecks = model.get("checks");
  const uid = `os-rw-${Math.random().toString(36).slice(2, 8)}`;
  let state = { opening: 0, text: "", checks: [] };
  if (osMode(serverShared) === "keep") {
    try { state = Object.assign(state, JSON.parse(osRead(storeKey) || "{}")); } catch (e) { /* start empty */ }
  }
  const keep = () => osWrite(storeKey, JSON.stringify(state), serverShared);
  const root = osEl("div", { class: "os-form os-rewrite" });
  const pick = osEl("fieldset", { class: "os-item", role: "radiogroup", "aria-labelledby": `${uid}-pick` });
  pick.append(osEl("legend", { id: `${uid}-pick`, text: "Choose a harsh opening to rewrite" }));
  const pickOptions = osEl("div", { class: "os-options" });
  openings.forEach((text, i) => {
    const input = osEl("input", { type: "radio", name: `${uid}-pick`, value: String(i) });
    input.checked = state.opening === i;
    input.addEventListener("change", () => { state.opening = i; keep(); });
    pickOptions.append(osEl("label", { class: "os-option os-option-wide" }, input, osEl("span", { text: `“${text}”` })));
  });
  pick.append(pickOptions);
  const box = osEl("textarea", { id: `${uid}-text`, rows: 4 });
  box.value = state.text;
  const hint = osEl("p", { class: "os-status", role: "status", "aria-live": "polite" });
  const checkHint = () => {
    hint.textContent = /\b(always|never)\b/i.test(box.value)
      ? "Your rewrite still has “always” or “never”. Could you describe this one time instead?" : "";
  };
  box.addEventListener("input", () => { state.text = box.value; keep(); checkHint(); });
  const checks = osEl("fieldset", { class: "os-item", "aria-labelledby": `${uid}-checks` });
  checks.append(osEl("legend", { id: `${uid}-checks`, text: "Check your rewrite" }));
  const checkOptions = osEl("div", { class: "os-options" });
  startupChecks.forEach((text, i) => {
    const input = osEl("input", { type: "checkbox", value: String(i) });
    input.checked = state.checks.includes(i);
    input.addEventListener("change", () => {
      state.checks = input.checked ? [...new Set([...state.checks, i])] : state.checks.filter((c) => c !== i);
      keep();
    });
    checkOptions.append(osEl("label", { class: "os-option os-option-wide" }, input, osEl("span", { text })));
  });
  checks.append(checkOptions);
  root.append(pick, osEl("div", { class: "os-field" }, osEl("label", { for: `${uid}-text`, text: "Your softer opening" }), box),
    hint, checks,
    osEl("p", { class: "os-reflection-note", text: "Private: what you write stays in this browser and is never sent anywhere." }));
  checkHint();
  el.classList.add("os-widget");
  el.append(root);
}
export default { render };
