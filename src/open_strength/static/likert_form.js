// An accessible self-assessment form drawn with native HTML: one radio group per item, named by the
// item text, nothing pre-selected. Answers go to the kernel only when the participant submits.
// The page draws the form as it opens (a page part, see page_parts.py), and the widget links itself
// to it when it starts: answering can begin before the kernel is reached.

const ACK_TIMEOUT_MS = 10000;
const LINK_TIMEOUT_MS = 20000;  // a page on a slow phone can take this long to reach its kernel
const STILL_HERE_MS = 4 * 60 * 1000;  // well inside the server's 25 minutes before it stops a quiet kernel

const h = osEl;  // from device_storage.js, bundled in front of this file

// The box at the top of the form: where answers are kept, and bringing back saved ones.
function deviceBox({ model, spec, uid, onForget, onImport }) {
  const serverShared = model.get("shared_device");
  const box = h("section", { class: "os-device", "aria-labelledby": `${uid}-device` });
  box.append(h("h3", { id: `${uid}-device`, text: "Your answers on this device" }));
  const explain = h("p", { class: "os-device-mode", "aria-live": "polite" });
  const keep = h("button", { type: "button", class: "os-toggle", "aria-pressed": "false" });
  const forget = h("button", { type: "button", class: "os-secondary", text: "Forget my answers to this form" });
  const describe = () => {
    const mode = osMode(serverShared);
    keep.setAttribute("aria-pressed", String(mode === "keep"));
    keep.textContent = mode === "keep" ? "Keeping my answers in this browser: on" : "Keep my answers in this browser: off";
    keep.disabled = mode === "shared";
    keep.hidden = mode === "shared";
    forget.hidden = mode !== "keep";
    row.hidden = mode === "shared";
    explain.textContent = {
      page: "Nothing is saved: if you reload or close this page, your answers are gone. When you show your results, " +
        "you get a save code to keep.",
      keep: "Each answer is kept in this browser as you choose it, and comes back if you reload. No one else " +
        "sees it unless they use this browser.",
      shared: "Shared computer: nothing is saved on this device. Keep your save code with you, and use " +
        "Quick exit at the top of the page to leave fast.",
    }[mode];
  };
  keep.addEventListener("click", () => {
    osSetMode(osMode(serverShared) === "keep" ? "page" : "keep");
  });
  const row = h("div", { class: "os-device-row" }, keep, forget);
  forget.addEventListener("click", () => { onForget(); describe(); });
  window.addEventListener(OS_MODE_EVENT, describe);
  box.append(explain, row);
  if (model.get("host") === "binder") box.append(h("p", { class: "os-warning", role: "note", text: OS_BINDER_WARNING }));

  const details = h("details", { class: "os-import" });
  details.append(h("summary", { text: "Bring back answers from a save code or a file" }));
  const codeInput = h("input", { type: "text", id: `${uid}-code`, autocomplete: "off", spellcheck: "false",
    autocapitalize: "characters", "aria-describedby": `${uid}-import-status` });
  const bring = h("button", { type: "button", class: "os-secondary", text: "Bring back my answers" });
  const fileInput = h("input", { type: "file", id: `${uid}-file`, accept: ".json,application/json,text/plain" });
  const importStatus = h("p", { class: "os-status", id: `${uid}-import-status`, role: "status", "aria-live": "polite" });
  bring.addEventListener("click", () => onImport(codeInput.value, importStatus));
  codeInput.addEventListener("keydown", (event) => {
    if (event.key === "Enter") { event.preventDefault(); onImport(codeInput.value, importStatus); }
  });
  fileInput.addEventListener("change", () => {
    const file = fileInput.files && fileInput.files[0];
    if (!file) return;
    if (file.size > 100000) { importStatus.textContent = "That file is too big to be a saved answers file."; return; }
    file.text().then((text) => onImport(text, importStatus), () => {
      importStatus.textContent = "That file could not be read. Try choosing it again.";
    });
  });
  details.append(
    h("div", { class: "os-field" }, h("label", { for: `${uid}-code`, text: "Your save code (it starts with OS-)" }), codeInput),
    bring,
    h("div", { class: "os-field" }, h("label", { for: `${uid}-file`, text: "Or choose the file you downloaded" }), fileInput),
    importStatus);
  box.append(details);
  describe();
  return { box, importStatus, describe };
}

function render({ model, el }) {
  const spec = model.get("spec");
  const serverShared = model.get("shared_device");
  const storeKey = `answers:${spec.instrument}`;
  const uid = `os-${spec.instrument}-${Math.random().toString(36).slice(2, 8)}`;
  const answers = {};
  const inputs = {};  // section -> item -> value -> radio input
  const root = h("form", { class: "os-form", "aria-label": spec.title, novalidate: true });

  let setting = model.get("setting");
  const sectionHeadings = {};
  const settingInputs = {};
  const showSetting = () => {
    for (const section of spec.sections) {
      const heading = sectionHeadings[section.id];
      if (heading && section.labels) heading.textContent = section.labels[setting] || section.label;
    }
  };

  // Saved as each answer changes, in the same shape as a downloaded file, and only if the person chose to.
  const keepAnswers = () => osWrite(storeKey, JSON.stringify({
    format: "open-strength-answers", format_version: 1, instrument: spec.instrument, version: spec.version,
    setting: spec.settings ? setting : "", saved_on: new Date().toISOString().slice(0, 10), answers,
  }), serverShared);

  const total = spec.sections.reduce((n, s) => n + s.items.length, 0);
  const progress = h("p", { class: "os-progress", "aria-live": "polite", id: `${uid}-progress` });
  const updateProgress = () => {
    const done = Object.values(answers).reduce((n, s) => n + Object.keys(s).length, 0);
    progress.textContent = `${done} of ${total} answered`;
  };

  const clearForm = () => {
    for (const section of Object.keys(inputs)) {
      answers[section] = {};
      for (const byValue of Object.values(inputs[section])) for (const input of Object.values(byValue)) input.checked = false;
    }
    updateProgress();
  };
  // Answers chosen while the answers kept in this browser were being checked (the form can be answered
  // before the page has reached its kernel): they are newer, so they stay once the kept ones are back.
  let chosenWhileRestoring = null;
  let keptSent = null;
  const fillForm = (restored, newer = {}) => {
    clearForm();
    if (spec.settings && restored.setting && settingInputs[restored.setting]) {
      setting = restored.setting;
      settingInputs[setting].checked = true;
      showSetting();
      model.set("setting", setting);
      model.save_changes();
    }
    for (const given of [restored.answers || {}, newer]) {
      for (const [section, values] of Object.entries(given)) {
        for (const [itemId, value] of Object.entries(values)) {
          const input = inputs[section] && inputs[section][itemId] && inputs[section][itemId][value === null ? "skip" : String(value)];
          if (!input) continue;
          input.checked = true;
          answers[section][itemId] = value;
        }
      }
    }
    updateProgress();
    keepAnswers();
  };

  const pending = {};
  const askKernel = (source, text, statusNode) => {
    pending[source] = statusNode;
    model.send({ kind: "restore", source, text });
  };
  const device = deviceBox({
    model, spec, uid,
    onForget: () => { osForget(OS_PREFIX + storeKey); osForget(`${OS_PREFIX}set-aside:${storeKey}`); clearForm(); },
    onImport: (text, statusNode) => {
      if (!text || !text.trim()) { statusNode.textContent = "Paste or type your save code first, or choose a file."; return; }
      statusNode.classList.remove("os-error");
      statusNode.textContent = "Reading your saved answers…";
      askKernel("import", text, statusNode);
    },
  });
  root.append(device.box);

  if (spec.settings) {
    const group = h("fieldset", { class: "os-setting", role: "radiogroup", "aria-labelledby": `${uid}-setting` });
    group.append(h("legend", { id: `${uid}-setting`, text: spec.settings.question }));
    const opts = h("div", { class: "os-options os-options-inline" });
    for (const option of spec.settings.options) {
      const input = h("input", { type: "radio", name: `${uid}-setting`, value: option.value });
      input.checked = option.value === setting;
      settingInputs[option.value] = input;
      input.addEventListener("change", () => {
        setting = option.value;
        showSetting();
        model.set("setting", setting);
        model.save_changes();
        keepAnswers();
      });
      opts.append(h("label", { class: "os-option" }, input, h("span", { text: option.label })));
    }
    group.append(opts);
    root.append(group);
  }

  for (const section of spec.sections) {
    answers[section.id] = {};
    inputs[section.id] = {};
    const block = h("section", { class: "os-section", "aria-labelledby": `${uid}-${section.id}` });
    if (section.label) {
      const heading = h("h3", { id: `${uid}-${section.id}`, text: (section.labels && section.labels[setting]) || section.label });
      sectionHeadings[section.id] = heading;
      block.append(heading);
    }
    // A grid form: one fieldset per row (topic), holding that row's radio groups.
    const groupBoxes = {};
    for (const group of section.groups || []) {
      const box = h("fieldset", { class: "os-group", "aria-labelledby": `${uid}-g-${group.id}` });
      box.append(h("legend", { id: `${uid}-g-${group.id}`, class: "os-group-legend", text: group.label }));
      groupBoxes[group.id] = box;
      block.append(box);
    }
    section.items.forEach((item, index) => {
      const legendId = `${uid}-${section.id}-${item.id}`;
      inputs[section.id][item.id] = {};
      const fieldset = h("fieldset", { class: "os-item", role: "radiogroup", "aria-labelledby": legendId });
      fieldset.append(h("legend", { id: legendId },
        h("span", { class: "os-number", "aria-hidden": "true", text: `${index + 1}. ` }), item.text));
      const options = h("div", { class: "os-options" });
      const choices = spec.scale.map((label, i) => [String(i + 1), label]);
      choices.push(["skip", spec.skip_label]);
      for (const [value, label] of choices) {
        const input = h("input", { type: "radio", name: legendId, value });
        inputs[section.id][item.id][value] = input;
        input.addEventListener("change", () => {
          answers[section.id][item.id] = value === "skip" ? null : Number(value);
          if (chosenWhileRestoring) (chosenWhileRestoring[section.id] ||= {})[item.id] = answers[section.id][item.id];
          updateProgress();
          keepAnswers();
          stillHere();
        });
        options.append(h("label", { class: value === "skip" ? "os-option os-skip" : "os-option" },
          input, h("span", { text: label })));
      }
      fieldset.append(options);
      (groupBoxes[item.group] || block).append(fieldset);
    });
    root.append(block);
  }

  const status = h("p", { class: "os-status os-submit-status", role: "status", "aria-live": "polite" });
  const submit = h("button", { type: "submit", class: "os-submit", text: spec.submit_label });
  const hint = h("p", { class: "os-hint", text: "You can show your results at any time. Questions you leave out count as skipped." });
  root.append(h("div", { class: "os-submit-row" }, progress, submit), hint, status);

  // Answering sends nothing to the server, but the server stops a page's kernel after a long quiet
  // spell (a closed phone tab never says goodbye). While someone is answering, say so now and then.
  let lastSign = Date.now();
  const stillHere = () => {
    if (Date.now() - lastSign > STILL_HERE_MS) { lastSign = Date.now(); model.send({ kind: "still-here" }); }
  };

  // A form drawn by the page is linked to the kernel once the page's widgets start.
  const isLinked = () => !model.linked || model.linked();
  const markLinked = () => {
    if (!isLinked()) return;
    root.dataset.osLinked = "";
    // The first chart makes the browser load and run the charting library (about a second of work on a
    // slow machine). Do that while the participant answers, so that "Show my results" is quick.
    osWarmCharts();
  };
  let waiting = null;
  let submittedEarly = 0;
  const lostText = "Connection lost: the workshop page could not reach its server, so your chart was not drawn. " +
    "Your answers are still on this page. Reload the page to reconnect, or ask your facilitator.";
  const watchForAnswer = (count, wait) => {
    clearTimeout(waiting);
    waiting = setTimeout(() => {
      if (!isLinked() || model.get("done_count") < count) {
        status.textContent = lostText;
        status.classList.add("os-error");
      }
    }, wait);
  };
  root.addEventListener("submit", (event) => {
    event.preventDefault();
    const count = model.get("submit_count") + 1;
    status.classList.remove("os-error");
    model.set("answers", JSON.parse(JSON.stringify(answers)));
    model.set("submit_count", count);
    model.save_changes();
    if (isLinked()) {
      status.textContent = "Drawing your results…";
      watchForAnswer(count, ACK_TIMEOUT_MS);
    } else {
      status.textContent = "The page is still connecting to the workshop's server; your results are drawn as soon as it has.";
      submittedEarly = count;
      watchForAnswer(count, LINK_TIMEOUT_MS);
    }
  });
  model.on("linked", () => {
    markLinked();
    if (submittedEarly) {
      status.classList.remove("os-error");
      status.textContent = "Drawing your results…";
      watchForAnswer(submittedEarly, ACK_TIMEOUT_MS);
      submittedEarly = 0;
    }
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

  // The kernel checks saved answers (version rules, damage) and replies with what can be used.
  const onMessage = (message) => {
    if (!message || (message.kind !== "restored" && message.kind !== "restore-failed")) return;
    const statusNode = pending[message.source] || device.importStatus;
    if (message.kind === "restore-failed") {
      if (message.source === "browser") {
        chosenWhileRestoring = null;
        // What was sent to be checked: answers chosen since may have been kept over it meanwhile.
        if (keptSent !== null) osSetAside(storeKey, keptSent);
        if (Object.values(answers).some((given) => Object.keys(given).length)) keepAnswers();
        statusNode.textContent = `The answers this browser kept for this form could not be used: ${message.problem}. ` +
          "They were set aside, not deleted; \"Forget my answers to this form\" removes them.";
      } else {
        statusNode.textContent = `Your answers could not be brought back: ${message.problem}${message.where ? ` (${message.where})` : ""}. ` +
          "Nothing on this page was changed.";
      }
      statusNode.classList.add("os-error");
      return;
    }
    const newer = message.source === "browser" ? chosenWhileRestoring || {} : {};
    if (message.source === "browser") chosenWhileRestoring = null;
    fillForm(message, newer);
    const notes = (message.messages || []).join("; ");
    statusNode.classList.remove("os-error");
    statusNode.textContent = (message.source === "browser"
      ? `Your answers kept in this browser${message.saved_on ? ` on ${message.saved_on}` : ""} are back on the form.`
      : "Your answers are back on the form, and your results are drawn below.") + (notes ? ` Note: ${notes}.` : "");
  };
  model.on("msg:custom", onMessage);

  updateProgress();
  markLinked();
  el.classList.add("os-widget");
  el.append(root);

  if (osMode(serverShared) === "keep") {
    const kept = osRead(storeKey);
    if (kept) {
      status.textContent = "Bringing back the answers kept in this browser…";
      chosenWhileRestoring = {};
      keptSent = kept;
      askKernel("browser", kept, status);
    }
  }
  return () => {
    clearTimeout(waiting);
    window.removeEventListener(OS_MODE_EVENT, device.describe);
    model.off("msg:custom", onMessage);
  };
}

// `part` draws the form into the page; `render` is the widget's view, which links to that form.
export default { render: ({ model, el }) => osLinkOrRender(model, el, render), part: render };
