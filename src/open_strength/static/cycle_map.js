// Map one cycle from both sides and choose one place to break it. The words stay in this browser:
// the loop is drawn here, nothing is sent to the kernel.
const CYCLE_STEPS = [
  ["i-do", "What I do", "For example: I go quiet and look at my phone.", "I do"],
  ["they-see", "What my partner sees", "For example: someone who doesn't care.", "Partner sees"],
  ["they-feel", "What my partner feels", "For example: shut out and alone.", "Partner feels"],
  ["they-do", "What my partner does", "For example: pushes harder to talk.", "Partner does"],
  ["i-feel", "What I feel", "For example: cornered, and afraid of saying the wrong thing.", "I feel"],
];
const BOX_W = 128, BOX_H = 92;

// Where a line from a box's centre in direction (ux, uy) leaves the box, plus a small gap.
function boxEdge(x, y, ux, uy) {
  const t = Math.min(ux ? (BOX_W / 2) / Math.abs(ux) : Infinity, uy ? (BOX_H / 2) / Math.abs(uy) : Infinity);
  return [x + ux * (t + 4), y + uy * (t + 4)];
}
const SVG_NS = "http://www.w3.org/2000/svg";

function svgEl(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function wrapWords(text, width, maxLines) {
  const words = text.split(/\s+/).filter(Boolean);
  const lines = [];
  let line = "";
  for (const word of words) {
    if (line && (line + " " + word).length > width) { lines.push(line); line = word; } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) { lines.length = maxLines; lines[maxLines - 1] = lines[maxLines - 1].replace(/.{0,1}$/, "…"); }
  return lines;
}

function render({ model, el }) {
  const serverShared = model.get("shared_device");
  const storeKey = "notes:cycle-map";
  const uid = `os-cyc-${Math.random().toString(36).slice(2, 8)}`;
  let state = { steps: {}, breakAt: "", instead: "" };
  if (osMode(serverShared) === "keep") {
    try { state = Object.assign(state, JSON.parse(osRead(storeKey) || "{}")); } catch (e) { /* unreadable: start empty */ }
  }
  const keep = () => osWrite(storeKey, JSON.stringify(state), serverShared);
  const root = osEl("div", { class: "os-form os-cycle" });

  const fields = osEl("div", { class: "os-cycle-fields" });
  for (const [id, label, example] of CYCLE_STEPS) {
    const box = osEl("textarea", { id: `${uid}-${id}`, rows: 2, placeholder: example });
    box.value = state.steps[id] || "";
    box.addEventListener("input", () => { state.steps[id] = box.value; keep(); draw(); });
    fields.append(osEl("div", { class: "os-field" }, osEl("label", { for: `${uid}-${id}`, text: label }), box));
  }

  const svg = svgEl("svg", { viewBox: "0 0 440 420", class: "os-cycle-svg", role: "img", "aria-labelledby": `${uid}-loop-title`, "aria-describedby": `${uid}-loop-words` });
  const words = osEl("ol", { id: `${uid}-loop-words`, class: "os-cycle-words" });
  const draw = () => {
    svg.replaceChildren(svgEl("title", { id: `${uid}-loop-title` }, "Your cycle as a loop"));
    const defs = svgEl("defs");
    const marker = svgEl("marker", { id: `${uid}-arrow`, viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" });
    marker.append(svgEl("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#444" }));
    defs.append(marker);
    svg.append(defs);
    const cx = 220, cy = 210, rx = 150, ry = 145;
    const points = CYCLE_STEPS.map((_, i) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * i) / CYCLE_STEPS.length;
      return [cx + rx * Math.cos(angle), cy + ry * Math.sin(angle)];
    });
    points.forEach(([x1, y1], i) => {
      const [x2, y2] = points[(i + 1) % points.length];
      const len = Math.hypot(x2 - x1, y2 - y1), ux = (x2 - x1) / len, uy = (y2 - y1) / len;
      const [sx, sy] = boxEdge(x1, y1, ux, uy);
      const [ex, ey] = boxEdge(x2, y2, -ux, -uy);
      svg.append(svgEl("line", { x1: sx, y1: sy, x2: ex, y2: ey, stroke: "#444", "stroke-width": "2",
        "marker-end": `url(#${uid}-arrow)` }));
    });
    words.replaceChildren();
    CYCLE_STEPS.forEach(([id, label, , short], i) => {
      const [x, y] = points[i];
      const chosen = state.breakAt === id;
      const mine = i === 0 || i === 4;
      svg.append(svgEl("rect", { x: x - BOX_W / 2, y: y - BOX_H / 2, width: BOX_W, height: BOX_H, rx: 12,
        fill: mine ? "#e3f0fa" : "#fdf1dc", stroke: chosen ? "#D55E00" : (mine ? "#0072B2" : "#E69F00"),
        "stroke-width": chosen ? "5" : "2", "stroke-dasharray": mine ? "" : "6 3" }));
      const text = (state.steps[id] || "").trim();
      const lines = [short, ...wrapWords(text || "…", 16, 3)];
      lines.forEach((line, n) => svg.append(svgEl("text", { x, y: y - 26 + n * 19, "text-anchor": "middle",
        "font-size": n === 0 ? "13" : "14", "font-weight": n === 0 ? "700" : "400", fill: "#1a1a1a" }, line)));
      if (chosen) svg.append(svgEl("text", { x, y: y + BOX_H / 2 + 16, "text-anchor": "middle", "font-size": "13", "font-weight": "700", fill: "#9b3c00" }, "Break it here"));
      words.append(osEl("li", { text: `${label}: ${text || "(not filled in)"}${chosen ? ". This is where you chose to break the loop." : "."}` }));
    });
    words.append(osEl("li", { text: "Then it starts again from the top." }));
  };

  const breakGroup = osEl("fieldset", { class: "os-item", role: "radiogroup", "aria-labelledby": `${uid}-break` });
  breakGroup.append(osEl("legend", { id: `${uid}-break`, text: "Where could you break the loop? Choose one place where you could do something different." }));
  const options = osEl("div", { class: "os-options" });
  for (const [id, label] of CYCLE_STEPS) {
    const input = osEl("input", { type: "radio", name: `${uid}-break`, value: id });
    input.checked = state.breakAt === id;
    input.addEventListener("change", () => { state.breakAt = id; keep(); draw(); });
    options.append(osEl("label", { class: "os-option os-option-wide" }, input, osEl("span", { text: label })));
  }
  breakGroup.append(options);
  const instead = osEl("textarea", { id: `${uid}-instead`, rows: 3 });
  instead.value = state.instead || "";
  instead.addEventListener("input", () => { state.instead = instead.value; keep(); });

  root.append(fields,
    osEl("div", { class: "os-cycle-drawing" }, svg),
    osEl("details", { class: "os-import" }, osEl("summary", { text: "The loop in words" }), words),
    breakGroup,
    osEl("div", { class: "os-field" }, osEl("label", { for: `${uid}-instead`, text: "What could you do there instead?" }), instead),
    osEl("p", { class: "os-reflection-note", text: "Private: what you write stays in this browser and is never sent anywhere." }));
  draw();
  el.classList.add("os-widget");
  el.append(root);
}
export default { render };
