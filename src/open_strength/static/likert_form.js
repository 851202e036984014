// An accessible self-assessment form drawn with native HTML: one radio group per item, named by the
// item text, nothing pre-selected. Answers go to the kernel only when the participant submits.

const ACK_TIMEOUT_MS = 10000;

function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function render({ model, el }) {
  const spec = model.get("spec");
  const uid = `os-${spec.instrument}-${Math.random().toString(36).slice(2, 8)}`;
  const answers = {};
  const root = h("form", { class: "os-form", "aria-label": spec.title, novalidate: true });

  let setting = model.get("setting");
  const sectionHeadings = {};
  if (spec.settings) {
    const group = h("fieldset", { class: "os-setting", role: "radiogroup", "aria-labelledby": `${uid}-setting` });
    group.append(h("legend", { id: `${uid}-setting`, text: spec.settings.question }));
    const opts = h("div", { class: "os-options os-options-inline" });
    for (const option of spec.settings.options) {
      const input = h("input", { type: "radio", name: `${uid}-setting`, value: option.value });
      input.checked = option.value === setting;
      input.addEventListener("change", () => {
        setting = option.value;
        for (const section of spec.sections) {
          const heading = sectionHeadings[section.id];
          if (heading && section.labels) heading.textContent = section.labels[setting] || section.label;
        }
        model.set("setting", setting);
        model.save_changes();
      });
      opts.append(h("label", { class: "os-option" }, input, h("span", { text: option.label })));
    }
    group.append(opts);
    root.append(group);
  }

  const total = spec.sections.reduce((n, s) => n + s.items.length, 0);
  const progress = h("p", { class: "os-progress", "aria-live": "polite", id: `${uid}-progress` });
  const updateProgress = () => {
    const done = Object.values(answers).reduce((n, s) => n + Object.keys(s).length, 0);
    progress.textContent = `${done} of ${total} answered`;
  };

  for (const section of spec.sections) {
    answers[section.id] = {};
    const block = h("section", { class: "os-section", "aria-labelledby": `${uid}-${section.id}` });
    if (section.label) {
      const heading = h("h3", { id: `${uid}-${section.id}`, text: (section.labels && section.labels[setting]) || section.label });
      sectionHeadings[section.id] = heading;
      block.append(heading);
    }
    section.items.forEach((item, index) => {
      const legendId = `${uid}-${section.id}-${item.id}`;
      const fieldset = h("fieldset", { class: "os-item", role: "radiogroup", "aria-labelledby": legendId });
      fieldset.append(h("legend", { id: legendId },
        h("span", { class: "os-number", "aria-hidden": "true", text: `${index + 1}. ` }), item.text));
      const options = h("div", { class: "os-options" });
      const choices = spec.scale.map((label, i) => [String(i + 1), label]);
      choices.push(["skip", spec.skip_label]);
      for (const [value, label] of choices) {
        const input = h("input", { type: "radio", name: legendId, value });
        input.addEventListener("change", () => {
          answers[section.id][item.id] = value === "skip" ? null : Number(value);
          updateProgress();
        });
        options.append(h("label", { class: value === "skip" ? "os-option os-skip" : "os-option" },
          input, h("span", { text: label })));
      }
      fieldset.append(options);
      block.append(fieldset);
    });
    root.append(block);
  }

  const status = h("p", { class: "os-status", role: "status", "aria-live": "polite" });
  const submit = h("button", { type: "submit", class: "os-submit", text: spec.submit_label });
  const hint = h("p", { class: "os-hint", text: "You can show your results at any time. Questions you leave out count as skipped." });
  root.append(h("div", { class: "os-submit-row" }, progress, submit), hint, status);

  let waiting = null;
  root.addEventListener("submit", (event) => {
    event.preventDefault();
    const count = model.get("submit_count") + 1;
    status.textContent = "Drawing your results…";
    model.set("answers", JSON.parse(JSON.stringify(answers)));
    model.set("submit_count", count);
    model.save_changes();
    clearTimeout(waiting);
    waiting = setTimeout(() => {
      if (model.get("done_count") < count) {
        status.textContent = "Connection lost: the workshop page could not reach its server, so your chart was not drawn. " +
          "Your answers are still on this page. Reload the page to reconnect, or ask your facilitator.";
        status.classList.add("os-error");
      }
    }, ACK_TIMEOUT_MS);
  });

  const onDone = () => {
    if (model.get("done_count") >= model.get("submit_count")) {
      clearTimeout(waiting);
      status.classList.toggle("os-error", Boolean(model.get("error")));
      status.textContent = model.get("error") || "Your results are below.";
    }
  };
  model.on("change:done_count", onDone);
  model.on("change:error", onDone);

  updateProgress();
  el.classList.add("os-widget");
  el.append(root);
  return () => clearTimeout(waiting);
}

export default { render };
