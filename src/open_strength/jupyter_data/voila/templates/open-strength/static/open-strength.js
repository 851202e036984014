// Voila's page script moves the cells into its own shell after the page loads. Once the last cell
// has drawn the support lines, put them in the footer landmark, after the shell, and make sure the
// cells' container is the main landmark.
(function () {
  var footer = document.getElementById("os-page-footer");
  if (!footer) return;
  function place() {
    var aside = document.querySelector("#rendered_cells .os-support-footer");
    var shell = document.querySelector(".jp-LabShell");
    if (!aside || !shell) return false;
    footer.appendChild(aside);
    shell.parentNode.insertBefore(footer, shell.nextSibling);
    document.getElementById("rendered_cells").setAttribute("role", "main");
    return true;
  }
  if (place()) return;
  var observer = new MutationObserver(function () { if (place()) observer.disconnect(); });
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
