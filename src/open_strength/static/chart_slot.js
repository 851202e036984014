// Keeps a chart's place and asks the kernel for the chart once the place is within about a screen
// of view (see chart_slot.py). Printing asks at once, so a printed page has its charts.
function render({ model, el }) {
  const box = document.createElement("div");
  box.className = "os-chart-slot";
  box.style.minHeight = `${model.get("height")}px`;
  box.setAttribute("aria-hidden", "true");  // the chart's words are beside it on the page
  box.textContent = "The chart is drawn as you reach it.";
  el.append(box);
  let asked = false;
  let late = null;
  const lost = () => {
    if (!model.get("drawn")) box.textContent = "The chart could not be drawn: the page lost its connection. The chart's words are below it; reloading the page brings the chart back.";
  };
  const ask = () => {
    if (asked || model.get("drawn")) return;
    asked = true;
    late = setTimeout(lost, 10000);
    try { model.send({ kind: "shown" }); } catch (e) { lost(); }  // a dead kernel refuses the message
  };
  const soon = () => (window.requestIdleCallback ? window.requestIdleCallback(ask, { timeout: 300 }) : setTimeout(ask, 0));
  let observer = null;
  if (window.IntersectionObserver) {
    observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) { observer.disconnect(); soon(); }
    }, { rootMargin: "100% 0px" });
    observer.observe(box);
  } else {
    soon();
  }
  window.addEventListener("beforeprint", ask);
  const update = () => {
    const drawn = model.get("drawn");
    box.hidden = drawn;
    box.style.display = drawn ? "none" : "";
    if (drawn && late) clearTimeout(late);
  };
  model.on("change:drawn", update);
  update();
  return () => {
    if (observer) observer.disconnect();
    window.removeEventListener("beforeprint", ask);
    if (late) clearTimeout(late);
  };
}
export default { render };
