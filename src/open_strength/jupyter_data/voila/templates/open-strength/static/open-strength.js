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
// refused (voila-dashboards/voila#1458). The server sets no _xsrf cookie on these pages, so this
// sets one (the double-submit pattern: only a page of this origin can set it) and sends the same
// value with the request. pagehide also fires on iOS Safari.
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
  function xsrfToken(base) {
    var token = cookie("_xsrf");
    if (!token && window.crypto && crypto.getRandomValues) {
      var bytes = new Uint8Array(16);
      crypto.getRandomValues(bytes);
      token = Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
      document.cookie = "_xsrf=" + token + "; path=" + base + "; SameSite=Strict";
    }
    return token;
  }
  var cfg = config();
  var base = cfg.baseUrl || "/";
  var token = xsrfToken(base);
  function shutdown() {
    if (sent || !navigator.sendBeacon || !cfg.kernelId) return;
    sent = navigator.sendBeacon(base + "voila/api/shutdown/" + cfg.kernelId, new URLSearchParams({ _xsrf: token }));
  }
  window.addEventListener("pagehide", shutdown);
  window.addEventListener("beforeunload", shutdown);
})();

// Shared-computer mode (chosen on the privacy page for this tab, or set for the whole server): a
// quick-exit button on every page. It forgets what this tab holds and leaves for a neutral site,
// replacing this page in the tab's history.
(function () {
  var SHARED_KEY = "open-strength:shared-device";
  var button = null;
  function chosen() {
    try { return sessionStorage.getItem(SHARED_KEY) === "yes"; } catch (e) { return false; }
  }
  function forget(store) {
    try {
      for (var i = store.length - 1; i >= 0; i--) {
        var key = store.key(i);
        if (key && key.indexOf("open-strength:") === 0) store.removeItem(key);
      }
    } catch (e) { /* storage switched off: nothing to forget */ }
  }
  function quickExit() {
    forget(sessionStorage);
    forget(localStorage);
    document.title = "";
    document.body.innerHTML = "";
    window.location.replace("https://www.google.com/");
  }
  function update() {
    var wanted = chosen() || document.querySelector("[data-os-shared-device]") !== null;
    if (wanted && !button) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "os-quick-exit";
      button.textContent = "Quick exit";
      button.setAttribute("aria-label", "Quick exit: leave this page now");
      button.addEventListener("click", quickExit);
      document.body.insertBefore(button, document.body.firstChild);
    } else if (!wanted && button) {
      button.remove();
      button = null;
    }
  }
  window.addEventListener("open-strength-mode", update);
  update();
  var observer = new MutationObserver(function () {
    update();
    if (document.getElementById("os-page-footer") && document.querySelector("#os-page-footer .os-support-footer")) observer.disconnect();
  });
  observer.observe(document.body, { childList: true, subtree: true });
})();

// The page has settled: Voila's app has started (it sets window.jupyterapp then) and the page has stopped
// changing for a second, so its widgets are drawn. The page then says so on <html data-os-settled>, and
// work that can wait (fetching the charting library ahead) starts: the widgets are drawn from kernel
// messages through the same server, and a large fetch that started with the app held them up.
(function () {
  var QUIET_MS = 1000;
  var tries = 0;
  function settled() {
    document.documentElement.setAttribute("data-os-settled", "");
    window.dispatchEvent(new Event("open-strength-settled"));
  }
  function whenQuiet() {
    var quiet = null;
    var observer = new MutationObserver(function () { clearTimeout(quiet); quiet = setTimeout(done, QUIET_MS); });
    var cap = setTimeout(done, 15000);
    function done() {
      observer.disconnect();
      clearTimeout(quiet);
      clearTimeout(cap);
      settled();
    }
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    quiet = setTimeout(done, QUIET_MS);
  }
  function whenStarted() {
    if (window.jupyterapp === undefined && tries++ < 240) { setTimeout(whenStarted, 250); return; }
    whenQuiet();
  }
  whenStarted();
})();

// A page without charts is served without the charting library (open_strength.page_config). Once the
// page has settled, the browser fetches the library at low priority, so that the next page with a chart
// (often the check-in after the landing page) finds it in the cache instead of waiting for it.
(function () {
  var node = document.getElementById("jupyter-config-data");
  var urls = [];
  try { urls = (JSON.parse(node ? node.textContent : "{}").openStrengthPrefetch) || []; } catch (e) { return; }
  if (!urls.length) return;
  function prefetch() {
    urls.forEach(function (url) {
      var link = document.createElement("link");
      link.rel = "prefetch";
      link.as = "script";
      link.href = url;
      document.head.appendChild(link);
    });
  }
  function soon() {
    if (window.requestIdleCallback) window.requestIdleCallback(prefetch, { timeout: 5000 });
    else setTimeout(prefetch, 0);
  }
  if (document.documentElement.hasAttribute("data-os-settled")) soon();
  else window.addEventListener("open-strength-settled", soon, { once: true });
})();
