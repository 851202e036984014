// Keeps a chart's place and draws the chart once the place is within about a screen of view (see
// chart_slot.py), with plotly.js from the workshop's server. Where the page names no plotly.js (a
// notebook opened in JupyterLab), the kernel draws it instead, with JupyterLab's charting extension.
// A widget's view, or a page part (a chart shown as the page opens, which never asks the kernel).
// Printing draws at once, so a printed page has its charts.
const WAITING_TEXT = "The chart is drawn as you reach it.";
const LOST_TEXT = "The chart could not be drawn: the page lost its connection. The chart's words are below it; " +
  "reloading the page brings the chart back.";
const NOT_HERE_TEXT = "This chart is drawn on the workshop's own pages; its words are below it.";
const NOT_LOADED_TEXT = "The chart could not be drawn: the charting library did not load. The chart's words are " +
  "below it; reloading the page usually brings the chart back.";

function render({ model, el }) {
  const box = document.createElement("div");
  box.className = "os-chart-slot";
  box.setAttribute("aria-hidden", "true");  // the chart's words are beside it on the page
  box.textContent = WAITING_TEXT;
  const chart = document.createElement("div");
  chart.className = "os-chart";
  el.append(box, chart);
  let wanted = false;
  let drawnHere = false;
  let byKernel = false;
  let late = null;
  let gone = false;
  let retried = false;
  const update = () => {
    const drawn = drawnHere || model.get("drawn");
    box.style.minHeight = `${model.get("height")}px`;
    box.hidden = drawn;
    box.style.display = drawn ? "none" : "";
    if (drawn && late) clearTimeout(late);
  };
  const askKernel = () => {
    if (model.get("in_page")) { box.textContent = NOT_HERE_TEXT; return; }  // a page part: no kernel to ask
    if (byKernel || model.get("drawn")) return;
    byKernel = true;
    late = setTimeout(() => { if (!model.get("drawn")) box.textContent = LOST_TEXT; }, 10000);
    try { model.send({ kind: "shown" }); } catch (e) { box.textContent = LOST_TEXT; }  // a dead kernel refuses it
  };
  const draw = () => {
    const figure = model.get("figure");
    if (gone || !figure || !Array.isArray(figure.data)) return;  // nothing to draw yet: a form's place before results
    if (!osPlotlyUrl() && !window.Plotly) { askKernel(); return; }
    osDrawInTurn(() => osPlotly().then((Plotly) => {
      if (gone) return undefined;
      // A second try starts from an empty chart, in case the first stopped halfway.
      if (retried) Plotly.purge(chart);
      return Plotly.react(chart, figure.data, figure.layout || {}, figure.config || {}).then(() => {
        drawnHere = true;
        box.textContent = WAITING_TEXT;
        box.removeAttribute("data-os-problem");
        update();
      });
    })).catch((error) => {
      console.error(error);
      box.dataset.osProblem = String(error && error.message ? error.message : error);
      box.textContent = NOT_LOADED_TEXT;
      if (!retried) { retried = true; setTimeout(draw, 3000); }  // once: a dropped connection, say
    });
  };
  const want = () => {
    if (wanted) return;
    wanted = true;
    draw();
  };
  // A page part's chart shows as the page opens and waits for a quiet moment; a widget's chart is in an
  // output drawn in answer to the participant (a form's results, a slider's new chart) and does not.
  const soon = () => (window.requestIdleCallback && model.get("in_page")
    ? window.requestIdleCallback(want, { timeout: 300 }) : setTimeout(want, 0));
  let observer = null;
  let looking = null;
  const near = () => {
    if (observer) observer.disconnect();
    if (looking) clearInterval(looking);
    observer = looking = null;
    soon();
  };
  if (window.IntersectionObserver) {
    observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) near();
    }, { rootMargin: "100% 0px" });
    observer.observe(box);
    // Should the observer never report (once, in a benchmark run, a form's results chart stayed
    // undrawn with its place on the screen), the place's position is looked at once a second.
    looking = setInterval(() => {
      if (wanted || gone) { clearInterval(looking); looking = null; return; }
      if (!box.isConnected || !box.getClientRects().length) return;
      const { top, bottom } = box.getBoundingClientRect();
      if (top < 2 * window.innerHeight && bottom > -window.innerHeight) near();
    }, 1000);
  } else {
    soon();
  }
  // A chart drawn before its box had its width is drawn again at the box's width.
  const resized = window.ResizeObserver ? new ResizeObserver(() => {
    if (drawnHere && window.Plotly) window.Plotly.Plots.resize(chart);
  }) : null;
  if (resized) resized.observe(chart);
  window.addEventListener("beforeprint", want);
  model.on("change:figure", () => { if (wanted) draw(); });
  model.on("change:drawn", update);
  model.on("change:height", update);
  update();
  return () => {
    gone = true;
    if (observer) observer.disconnect();
    if (looking) clearInterval(looking);
    if (resized) resized.disconnect();
    window.removeEventListener("beforeprint", want);
    if (late) clearTimeout(late);
    if (drawnHere && window.Plotly) window.Plotly.purge(chart);
  };
}
export default { render };
