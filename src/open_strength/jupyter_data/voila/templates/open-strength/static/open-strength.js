// Move the support lines, drawn by the last cell, into the page's footer landmark.
(function () {
  var footer = document.getElementById("os-page-footer");
  if (!footer) return;
  function move() {
    var aside = document.querySelector("#rendered_cells .os-support-footer");
    if (aside) { footer.appendChild(aside); return true; }
    return false;
  }
  if (move()) return;
  var observer = new MutationObserver(function () { if (move()) observer.disconnect(); });
  observer.observe(document.body, { childList: true, subtree: true });
})();

// Shut the kernel down when the tab goes away. Voila's own beacon omits the _xsrf token and is
// refused (voila-dashboards/voila#1458); this one carries it. pagehide also fires on iOS Safari.
(function () {
  var sent = false;
  function config() {
    var node = document.getElementById("jupyter-config-data");
    try { return node ? JSON.parse(node.textContent) : {}; } catch (e) { return {}; }
  }
  function cookie(name) {
    var match = document.cookie.match("(?:^|; )" + name + "=([^;]*)");
    return match ? decodeURIComponent(match[1]) : "";
  }
  function shutdown() {
    if (sent || !navigator.sendBeacon) return;
    var cfg = config();
    if (!cfg.kernelId) return;
    var base = cfg.baseUrl || "/";
    var body = new URLSearchParams({ _xsrf: cookie("_xsrf") });
    sent = navigator.sendBeacon(base + "voila/api/shutdown/" + cfg.kernelId, body);
  }
  window.addEventListener("pagehide", shutdown);
  window.addEventListener("beforeunload", shutdown);
})();
