// plotly.js, loaded once per page from the workshop's own server (the page's config names the file), the
// first time a chart is near or a form is ready for one. Pages that never draw a chart never load it.
function osPlotlyUrl() {
  try {
    const node = document.getElementById("jupyter-config-data");
    return (node && JSON.parse(node.textContent).openStrengthPlotly) || "";
  } catch (error) {
    return "";
  }
}

// Long enough for 1.7 MB on a slow phone connection (about 10 s); a test may set it shorter.
const OS_PLOTLY_WAIT_MS = 60000;

function osPlotly() {
  const waitMs = window.openStrengthPlotlyWaitMs || OS_PLOTLY_WAIT_MS;
  if (!window.openStrengthPlotly) {
    window.openStrengthPlotly = new Promise((resolve, reject) => {
      if (window.Plotly) { resolve(window.Plotly); return; }
      const url = osPlotlyUrl();
      if (!url) { reject(new Error("no charting library named on this page")); return; }
      // A try after the first asks afresh: the browser would otherwise wait on the same stalled request.
      window.openStrengthPlotlyTries = (window.openStrengthPlotlyTries || 0) + 1;
      const script = document.createElement("script");
      script.src = window.openStrengthPlotlyTries > 1 ? `${url}${url.includes("?") ? "&" : "?"}try=${window.openStrengthPlotlyTries}` : url;
      script.async = true;
      // A load that never ends (a stalled connection) would leave every chart waiting without a word.
      const limit = setTimeout(() => reject(new Error(`the charting library took more than ${waitMs / 1000} s to load`)), waitMs);
      script.onload = () => {
        clearTimeout(limit);
        if (window.Plotly) resolve(window.Plotly); else reject(new Error("the charting library did not start"));
      };
      script.onerror = () => { clearTimeout(limit); reject(new Error(`the charting library could not be loaded from ${url}`)); };
      document.head.append(script);
    }).catch((error) => {
      window.openStrengthPlotly = null;  // the next chart tries again (a dropped connection, say)
      throw error;
    });
  }
  return window.openStrengthPlotly;
}

// One chart at a time, each after the browser has shown the one before: two charts drawn together kept
// the first off the screen until both were done.
function osDrawInTurn(draw) {
  const turn = (window.openStrengthChartTurn || Promise.resolve()).then(() => new Promise((done) => {
    requestAnimationFrame(() => setTimeout(done, 0));
  })).then(draw);
  window.openStrengthChartTurn = turn.catch(() => {});
  return turn;
}

// A form loads the library once its widget has started (its own kernel messages are through by then),
// and draws one small chart off the screen (the first chart of a page costs most), so that
// "Show my results" draws at once.
function osWarmCharts() {
  if (window.openStrengthChartsWarmed) return;
  window.openStrengthChartsWarmed = true;
  const warm = () => osPlotly().then((Plotly) => {
    const box = document.createElement("div");
    box.setAttribute("aria-hidden", "true");
    box.style.cssText = "position:absolute;left:-10000px;top:0;width:300px;height:200px;visibility:hidden";
    document.body.append(box);
    return Plotly.newPlot(box, [{ type: "bar", x: [1], y: ["a"], orientation: "h" }], { width: 300, height: 200 },
      { staticPlot: true }).then(() => { Plotly.purge(box); box.remove(); });
  }).catch(() => {});
  if (window.requestIdleCallback) window.requestIdleCallback(warm, { timeout: 300 });
  else setTimeout(warm, 300);
}
