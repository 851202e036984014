// Mark the feelings you had this week, then, for each, choose the closer word if one fits better.
// Everything stays in this browser: nothing is sent to the kernel, and there is no score.
function render({ model, el }) {
  const serverShared = model.get("shared_device");
  const storeKey = "notes:emotion-vocabulary";
  const groups = model.get("groups");
  const uid = `os-emo-${Math.random().toString(36).slice(2, 8)}`;
  let state = {};  // "group/word" -> closer word, or "" when the first word fits
  if (osMode(serverShared) === "keep") {
    try { state = JSON.parse(osRead(storeKey) || "{}") || {}; } catch (e) { state = {}; }
  }
  const keep = () => osWrite(storeKey, JSON.stringify(state), serverShared);

  const root = osEl("div", { class: "os-form os-emotions" });
  const pickers = osEl("section", { class: "os-closer", "aria-labelledby": `${uid}-closer` });
  const pickHeading = osEl("h3", { id: `${uid}-closer`, text: "Closer words" });
  const pickHint = osEl("p", { class: "os-hint" });
  const summary = osEl("ul", { class: "os-word-list", "aria-live": "polite" });
  const summaryBox = osEl("section", { class: "os-summary", "aria-labelledby": `${uid}-sum` },
    osEl("h4", { id: `${uid}-sum`, text: "Your words this week" }), summary);

  const drawPickers = () => {
    pickers.replaceChildren(pickHeading, pickHint);
    summary.replaceChildren();
    const marked = Object.keys(state);
    pickHint.textContent = marked.length
      ? "For each feeling you marked, is there a closer word? Pick the one that fits best, or keep your first word."
      : "Mark a feeling above, and closer words for it will appear here.";
    for (const key of marked) {
      const [groupId, word] = key.split("/");
      const group = groups.find((g) => g.id === groupId);
      const feeling = group && group.feelings.find((f) => f.word === word);
      if (!feeling) { delete state[key]; continue; }
      const legendId = `${uid}-c-${groupId}-${word.replace(/\W+/g, "-")}`;
      const fieldset = osEl("fieldset", { class: "os-item", role: "radiogroup", "aria-labelledby": legendId });
      fieldset.append(osEl("legend", { id: legendId, text: `Instead of “${word}”, which fits better?` }));
      const options = osEl("div", { class: "os-options os-options-inline" });
      for (const choice of [...feeling.closer, ""]) {
        const input = osEl("input", { type: "radio", name: legendId, value: choice });
        input.checked = state[key] === choice;
        input.addEventListener("change", () => { state[key] = choice; keep(); drawSummary(); });
        options.append(osEl("label", { class: "os-option" }, input,
          osEl("span", { text: choice || `“${word}” fits best` })));
      }
      fieldset.append(options);
      pickers.append(fieldset);
    }
    drawSummary();
  };
  const drawSummary = () => {
    summary.replaceChildren();
    for (const [key, closer] of Object.entries(state)) {
      const word = key.split("/")[1];
      summary.append(osEl("li", { text: closer ? `${word}: more exactly, ${closer}` : `${word}` }));
    }
    if (!summary.children.length) summary.append(osEl("li", { text: "No feelings marked yet." }));
  };

  const list = osEl("div", { class: "os-feeling-groups" });
  for (const group of groups) {
    const legendId = `${uid}-g-${group.id}`;
    const fieldset = osEl("fieldset", { class: "os-item", "aria-labelledby": legendId });
    fieldset.append(osEl("legend", { id: legendId, text: group.name }));
    const options = osEl("div", { class: "os-options os-options-inline" });
    for (const feeling of group.feelings) {
      const key = `${group.id}/${feeling.word}`;
      const input = osEl("input", { type: "checkbox", value: feeling.word });
      input.checked = key in state;
      input.addEventListener("change", () => {
        if (input.checked) state[key] = state[key] || ""; else delete state[key];
        keep();
        drawPickers();
      });
      options.append(osEl("label", { class: "os-option" }, input, osEl("span", { text: feeling.word })));
    }
    fieldset.append(options);
    list.append(fieldset);
  }
  root.append(osEl("h3", { text: "Feelings I had this week" }), list, pickers, summaryBox,
    osEl("p", { class: "os-reflection-note", text: "Private: what you mark stays in this browser and is never sent anywhere." }));
  drawPickers();
  el.classList.add("os-widget");
  el.append(root);
}
export default { render };
