// Four ways to respond: choose what you would say, and see which style it is. These items have
// right answers, but nothing is counted or sent anywhere: the feedback is drawn here, in the browser.
function render({ model, el }) {
  const { styles, scenarios } = model.get("spec");
  const uid = `os-resp-${Math.random().toString(36).slice(2, 8)}`;
  const root = osEl("div", { class: "os-form os-responses" });
  scenarios.forEach((scenario, n) => {
    const legendId = `${uid}-${scenario.id}`;
    const fieldset = osEl("fieldset", { class: "os-item", role: "radiogroup", "aria-labelledby": legendId });
    fieldset.append(osEl("legend", { id: legendId, text: `${n + 1}. Your partner says: “${scenario.says}” What would you say?` }));
    const options = osEl("div", { class: "os-options" });
    const feedback = osEl("p", { class: "os-status os-feedback", role: "status", "aria-live": "polite" });
    for (const response of scenario.responses) {
      const input = osEl("input", { type: "radio", name: legendId, value: response.style });
      input.addEventListener("change", () => {
        const style = styles[response.style];
        const best = scenario.responses.find((r) => r.style === "active-constructive");
        feedback.textContent = response.style === "active-constructive"
          ? `${style.name}. ${style.about}`
          : `${style.name}. ${style.about} The active and constructive reply here would be: “${best.text}”`;
        feedback.dataset.style = response.style;
      });
      options.append(osEl("label", { class: "os-option os-option-wide" }, input, osEl("span", { text: response.text })));
    }
    fieldset.append(options, feedback);
    root.append(fieldset);
  });
  root.append(osEl("p", { class: "os-reflection-note", text: "Nothing here is scored or sent anywhere." }));
  el.classList.add("os-widget");
  el.append(root);
}
export default { render };
