// Choose an effect size (a published preset, or your own with the slider); the kernel draws the
// curves and states the overlap in words.
function render({ model, el }) {
  const uid = `os-ovl-${Math.random().toString(36).slice(2, 8)}`;
  const presets = model.get("presets");
  const root = osEl("form", { class: "os-form os-overlap", "aria-label": "Overlap explorer", novalidate: true });
  const group = osEl("fieldset", { class: "os-setting", role: "radiogroup", "aria-labelledby": `${uid}-q` });
  group.append(osEl("legend", { id: `${uid}-q`, text: "Choose a difference to look at:" }));
  const radios = [];
  const options = osEl("div", { class: "os-options" });
  presets.forEach((preset, index) => {
    const input = osEl("input", { type: "radio", name: `${uid}-preset`, value: String(preset.d) });
    radios.push(input);
    input.addEventListener("change", () => { slider.value = String(preset.d); show(preset.d); send(preset.d); });
    options.append(osEl("label", { class: "os-option os-option-wide" }, input,
      osEl("span", { text: `${preset.label}: d = ${preset.d.toFixed(2)}` })));
  });
  group.append(options);
  const slider = osEl("input", { type: "range", id: `${uid}-d`, min: "0", max: "2", step: "0.01", value: String(model.get("d")) });
  const shown = osEl("output", { for: `${uid}-d`, class: "os-d-value" });
  const show = (d) => {
    shown.textContent = `d = ${Number(d).toFixed(2)}`;
    slider.setAttribute("aria-valuetext", `d = ${Number(d).toFixed(2)}`);
    radios.forEach((r, i) => { r.checked = Math.abs(presets[i].d - d) < 0.001; });
  };
  const send = (d) => { model.set("d", Number(d)); model.save_changes(); };
  slider.addEventListener("input", () => show(slider.value));
  slider.addEventListener("change", () => send(slider.value));  // on release, so a drag sends one message
  root.append(group, osEl("div", { class: "os-field" },
    osEl("label", { for: `${uid}-d`, text: "Or try your own difference (0 to 2):" }), slider, shown));
  root.addEventListener("submit", (event) => event.preventDefault());
  show(model.get("d"));
  el.classList.add("os-widget");
  el.append(root);
  // Ask for the chart once this view is on the page (see show._OverlapView).
  requestAnimationFrame(() => model.send({ kind: "shown" }));
}
export default { render };
