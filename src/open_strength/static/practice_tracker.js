// A personal practice plan and a 30-day tracker, by this browser's own calendar (a server may run
// on another time zone). Private: kept in this browser only if the participant chose to keep
// things. No streaks: each day counts on its own. A paper version can be printed.
const TRACK_DAYS = 30;
const TRACK_ITEMS = [["feeling", "Named a feeling"], ["shared", "Shared something with someone safe"], ["bid", "Noticed a bid to connect"]];
const PLAN_FIELDS = [["skill", "The skill I will keep practising"], ["when", "When and where I will practise it"],
  ["who", "Who I will practise with (someone who has shown they are safe)"], ["block", "What might get in the way, and what I will do then"]];

function localDay(date) {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
}
function shortDay(day) {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(y, m - 1, d).toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short" });
}
function addDays(day, n) {
  const [y, m, d] = day.split("-").map(Number);
  return localDay(new Date(y, m - 1, d + n));
}

function render({ model, el }) {
  const serverShared = model.get("shared_device");
  const storeKey = "notes:practice";
  const uid = `os-trk-${Math.random().toString(36).slice(2, 8)}`;
  let state = { plan: {}, start: localDay(new Date()), days: {} };
  if (osMode(serverShared) === "keep") {
    try { state = Object.assign(state, JSON.parse(osRead(storeKey) || "{}")); } catch (e) { /* start empty */ }
  }
  const keep = () => osWrite(storeKey, JSON.stringify(state), serverShared);
  const root = osEl("div", { class: "os-form os-practice" });

  const plan = osEl("section", { "aria-labelledby": `${uid}-plan` }, osEl("h3", { id: `${uid}-plan`, text: "My practice plan" }));
  for (const [key, label] of PLAN_FIELDS) {
    const box = osEl("textarea", { id: `${uid}-${key}`, rows: 2 });
    box.value = state.plan[key] || "";
    box.addEventListener("input", () => { state.plan[key] = box.value; keep(); });
    plan.append(osEl("div", { class: "os-field" }, osEl("label", { for: `${uid}-${key}`, text: label }), box));
  }

  const start = osEl("input", { type: "date", id: `${uid}-start`, value: state.start });
  const table = osEl("table", { class: "os-tracker" });
  const chart = osEl("div", { class: "os-tracker-chart" });
  const summary = osEl("p", { class: "os-status", "aria-live": "polite" });
  const drawTable = () => {
    const today = localDay(new Date());
    table.replaceChildren(osEl("caption", { text: `30 days from ${shortDay(state.start)}` }));
    const head = osEl("tr", {}, osEl("th", { scope: "col", text: "Day" }), ...TRACK_ITEMS.map(([, l]) => osEl("th", { scope: "col", text: l })));
    table.append(osEl("thead", {}, head));
    const body = osEl("tbody");
    for (let n = 0; n < TRACK_DAYS; n++) {
      const day = addDays(state.start, n);
      const row = osEl("tr", { class: day === today ? "os-today" : "", "data-day": day },
        osEl("th", { scope: "row", text: `${shortDay(day)}${day === today ? " (today)" : ""}` }));
      for (const [key, label] of TRACK_ITEMS) {
        const box = osEl("input", { type: "checkbox", "aria-label": `${label}, day ${n + 1}, ${day}` });
        box.checked = Boolean(state.days[day] && state.days[day][key]);
        box.addEventListener("change", () => {
          state.days[day] = Object.assign(state.days[day] || {}, { [key]: box.checked });
          keep(); drawChart();
        });
        row.append(osEl("td", {}, box));
      }
      body.append(row);
    }
    table.append(body);
  };
  const drawChart = () => {
    const today = localDay(new Date());
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    // Bars of 0 to 3 marks per day, day 1 on the left; today outlined. No lines join days: no streaks.
    const W = TRACK_DAYS * 12 + 20, H = 130, base = 100, unit = 26;
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "Marks per day over your 30 days; the same days are summarised in words next to it");
    const put = (tag, attrs, text) => { const node = document.createElementNS(ns, tag);
      Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v)); if (text) node.textContent = text; svg.append(node); return node; };
    for (let level = 1; level <= TRACK_ITEMS.length; level++) {
      put("line", { x1: 8, x2: W - 4, y1: base - level * unit, y2: base - level * unit, stroke: "#e0e0e0", "stroke-width": 1 });
    }
    put("line", { x1: 8, x2: W - 4, y1: base, y2: base, stroke: "#555", "stroke-width": 1 });
    let practised = 0, passed = 0;
    const perItem = Object.fromEntries(TRACK_ITEMS.map(([key]) => [key, 0]));
    for (let n = 0; n < TRACK_DAYS; n++) {
      const day = addDays(state.start, n);
      const marks = TRACK_ITEMS.filter(([key]) => state.days[day] && state.days[day][key]);
      marks.forEach(([key]) => { perItem[key] += 1; });
      const count = marks.length;
      if (day <= today) passed++;
      if (count) practised++;
      put("rect", { x: 10 + n * 12, y: base - Math.max(count * unit, 2), width: 10, height: Math.max(count * unit, 2),
        fill: count ? "#0072B2" : "#bbbbbb", stroke: day === today ? "#D55E00" : "none", "stroke-width": 2 });
    }
    put("text", { x: 10, y: base + 18, "font-size": 13, fill: "#1a1a1a" }, "Day 1");
    put("text", { x: W - 6, y: base + 18, "font-size": 13, fill: "#1a1a1a", "text-anchor": "end" }, "Day 30");
    put("text", { x: 10, y: 14, "font-size": 12, fill: "#444" }, "Marks each day (0 to 3)");
    chart.replaceChildren(svg);
    const parts = TRACK_ITEMS.map(([key, label]) => `${label.toLowerCase()}: ${perItem[key]} day${perItem[key] === 1 ? "" : "s"}`);
    summary.textContent = `So far, some practice on ${practised} of the ${Math.min(passed, TRACK_DAYS)} day(s) since your first day (${parts.join("; ")}). ` +
      "Each day counts on its own: a missed day takes nothing away.";
  };
  start.addEventListener("change", () => { if (start.value) { state.start = start.value; keep(); drawTable(); drawChart(); } });

  const print = osEl("button", { type: "button", class: "os-secondary", text: "Print a paper tracker" });
  print.addEventListener("click", () => {
    const rows = Array.from({ length: TRACK_DAYS }, (_, n) => `<tr><td>${n + 1}</td><td>${shortDay(addDays(state.start, n))}</td>` +
      TRACK_ITEMS.map(() => "<td>&#9744;</td>").join("") + "</tr>").join("");
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Practice tracker</title>` +
      `<style>body{font:14px sans-serif}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px}</style></head>` +
      `<body><h1>My 30-day practice</h1><p>Tick what you did each day. A missed day takes nothing away.</p>` +
      `<table><thead><tr><th>Day</th><th>Date</th>${TRACK_ITEMS.map(([, l]) => `<th>${l}</th>`).join("")}</tr></thead>` +
      `<tbody>${rows}</tbody></table></body></html>`;
    const frame = osEl("iframe", { class: "os-print-frame", title: "Paper tracker", "aria-hidden": "true" });
    document.body.append(frame);
    frame.contentDocument.open(); frame.contentDocument.write(html); frame.contentDocument.close();
    frame.contentWindow.focus();
    frame.contentWindow.print();
    setTimeout(() => frame.remove(), 60000);
  });

  const note = osMode(serverShared) === "keep"
    ? "Private: your plan and tracker are kept in this browser only, and never sent anywhere."
    : "Private, and not saved: to use the tracker over 30 days, choose to keep things in this browser on the privacy page, or print a paper tracker.";
  root.append(plan, osEl("h3", { text: "My 30-day tracker" }),
    osEl("div", { class: "os-field" }, osEl("label", { for: `${uid}-start`, text: "First day" }), start),
    chart, summary, osEl("div", { class: "os-tracker-wrap" }, table), print,
    osEl("p", { class: "os-reflection-note", text: note }));
  drawTable(); drawChart();
  el.classList.add("os-widget");
  el.append(root);
}
export default { render };
