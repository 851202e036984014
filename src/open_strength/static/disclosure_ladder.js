// Build a ladder of sharing steps, easiest at the bottom, with people who have shown they are safe;
// tick steps as done over the weeks. It all stays in this browser.
const LADDER_LEVELS = ["Easy", "Fairly easy", "Middling", "Hard", "Very hard"];

function render({ model, el }) {
  const serverShared = model.get("shared_device");
  const storeKey = "notes:disclosure-ladder";
  const uid = `os-lad-${Math.random().toString(36).slice(2, 8)}`;
  let steps = [];
  if (osMode(serverShared) === "keep") {
    try { steps = JSON.parse(osRead(storeKey) || "[]") || []; } catch (e) { steps = []; }
  }
  const keep = () => osWrite(storeKey, JSON.stringify(steps), serverShared);
  const root = osEl("div", { class: "os-form os-ladder" });

  const what = osEl("input", { type: "text", id: `${uid}-what`, autocomplete: "off" });
  const who = osEl("input", { type: "text", id: `${uid}-who`, autocomplete: "off" });
  const level = osEl("fieldset", { class: "os-item", role: "radiogroup", "aria-labelledby": `${uid}-lvl` });
  level.append(osEl("legend", { id: `${uid}-lvl`, text: "How hard does this step feel?" }));
  const levelOptions = osEl("div", { class: "os-options os-options-inline" });
  LADDER_LEVELS.forEach((label, i) => {
    levelOptions.append(osEl("label", { class: "os-option" },
      osEl("input", { type: "radio", name: `${uid}-lvl`, value: String(i + 1) }), osEl("span", { text: label })));
  });
  level.append(levelOptions);
  const add = osEl("button", { type: "button", class: "os-submit", text: "Add this step" });
  const addStatus = osEl("p", { class: "os-status", role: "status", "aria-live": "polite" });
  add.addEventListener("click", () => {
    const chosen = level.querySelector("input:checked");
    if (!what.value.trim()) { addStatus.textContent = "Write the step first: something you could share."; return; }
    if (!chosen) { addStatus.textContent = "Choose how hard the step feels."; return; }
    steps.push({ what: what.value.trim(), who: who.value.trim(), level: Number(chosen.value), done: "" });
    what.value = ""; who.value = ""; chosen.checked = false;
    addStatus.textContent = "Step added to your ladder.";
    keep(); draw();
  });

  const list = osEl("ol", { class: "os-ladder-steps", "aria-label": "Your steps, easiest first" });
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("class", "os-ladder-svg");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "Your ladder, easiest step at the bottom. The same steps are listed above.");
  const ordered = () => steps.map((s, i) => [s, i]).sort((a, b) => a[0].level - b[0].level || a[1] - b[1]);
  const today = () => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`; };
  const draw = () => {
    list.replaceChildren();
    for (const [step, index] of ordered()) {
      const done = osEl("input", { type: "checkbox", id: `${uid}-done-${index}` });
      done.checked = Boolean(step.done);
      done.addEventListener("change", () => { step.done = done.checked ? today() : ""; keep(); draw(); });
      const remove = osEl("button", { type: "button", class: "os-secondary", text: "Remove",
        "aria-label": `Remove the step: ${step.what}` });
      remove.addEventListener("click", () => { steps.splice(index, 1); keep(); draw(); });
      const label = `${step.what}${step.who ? `, with ${step.who}` : ""} (${LADDER_LEVELS[step.level - 1].toLowerCase()})` +
        (step.done ? `: done on ${step.done}` : "");
      list.append(osEl("li", { class: "os-ladder-step" },
        osEl("label", { class: "os-option os-option-wide", for: `${uid}-done-${index}` }, done, osEl("span", { text: label })), remove));
    }
    if (!steps.length) list.append(osEl("li", { text: "No steps yet. Start with something small." }));
    // The drawing: two rails and one rung per step, easiest at the bottom.
    const rows = Math.max(steps.length, 3), height = 60 + rows * 56;
    svg.setAttribute("viewBox", `0 0 360 ${height}`);
    svg.replaceChildren();
    const ns = "http://www.w3.org/2000/svg";
    const line = (x1, y1, x2, y2, w, c) => { const l = document.createElementNS(ns, "line");
      Object.entries({ x1, y1, x2, y2, "stroke-width": w, stroke: c }).forEach(([k, v]) => l.setAttribute(k, v)); svg.append(l); };
    line(40, 10, 40, height - 10, 6, "#555");
    line(320, 10, 320, height - 10, 6, "#555");
    ordered().forEach(([step], n) => {
      const y = height - 40 - n * 56;
      line(40, y, 320, y, step.done ? 10 : 6, step.done ? "#009E73" : "#0072B2");
      const t = document.createElementNS(ns, "text");
      t.setAttribute("x", "180"); t.setAttribute("y", String(y - 10)); t.setAttribute("text-anchor", "middle");
      t.setAttribute("font-size", "14"); t.setAttribute("fill", "#1a1a1a");
      const words = `${step.done ? "✓ " : ""}${step.what}`;
      t.textContent = words.length > 38 ? words.slice(0, 37) + "…" : words;
      svg.append(t);
    });
  };

  root.append(
    osEl("h3", { text: "Add a step" }),
    osEl("div", { class: "os-field" }, osEl("label", { for: `${uid}-what`, text: "Something you could share (a fact, a feeling, a worry, a hope)" }), what),
    osEl("div", { class: "os-field" }, osEl("label", { for: `${uid}-who`, text: "With whom: someone who has shown they are safe" }), who),
    level, add, addStatus,
    osEl("h3", { text: "Your ladder" }), list, svg,
    osEl("p", { class: "os-reflection-note", text: "Private: your ladder stays in this browser and is never sent anywhere. " +
      "To keep it for the coming weeks, choose to keep things in this browser on the privacy page." }));
  draw();
  el.classList.add("os-widget");
  el.append(root);
}
export default { render };
