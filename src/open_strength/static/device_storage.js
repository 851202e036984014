// Where this browser keeps the participant's answers and notes: nowhere unless they choose.
// Modes: "page" (nothing saved; the default), "keep" (this browser's local storage, answers saved as
// they change), "shared" (a shared computer: nothing saved, a quick-exit button, neutral file names).
// Only the choice of "keep" is stored in local storage; "shared" lasts for this tab (session storage).
// Every widget that keeps something includes this file, so the rules live in one place.

const OS_PREFIX = "open-strength:";
const OS_KEEP_KEY = OS_PREFIX + "keep";
const OS_SHARED_KEY = OS_PREFIX + "shared-device";
const OS_MODE_EVENT = "open-strength-mode";

function osTry(action, fallback) {
  try { return action(); } catch (e) { return fallback; }  // storage can be switched off or full
}

function osMode(serverShared) {
  if (serverShared || osTry(() => sessionStorage.getItem(OS_SHARED_KEY) === "yes", false)) return "shared";
  return osTry(() => localStorage.getItem(OS_KEEP_KEY) === "yes", false) ? "keep" : "page";
}

function osOwnKeys(store, start) {
  return osTry(() => {
    const keys = [];
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (key && key.startsWith(start || OS_PREFIX)) keys.push(key);
    }
    return keys;
  }, []);
}

function osForget(start) {
  for (const store of [localStorage, sessionStorage]) {
    for (const key of osOwnKeys(store, start)) osTry(() => store.removeItem(key));
  }
}

function osSetMode(mode) {
  if (mode === "shared") {
    osForget();
    osTry(() => sessionStorage.setItem(OS_SHARED_KEY, "yes"));
  } else {
    osTry(() => sessionStorage.removeItem(OS_SHARED_KEY));
    if (mode === "keep") osTry(() => localStorage.setItem(OS_KEEP_KEY, "yes"));
    else osForget(OS_PREFIX);  // back to "nothing saved": what was kept goes too
  }
  window.dispatchEvent(new CustomEvent(OS_MODE_EVENT, { detail: { mode } }));
}

function osRead(key) {
  return osTry(() => localStorage.getItem(OS_PREFIX + key), null);
}

function osWrite(key, value, serverShared) {
  if (osMode(serverShared) !== "keep") return false;
  return osTry(() => { localStorage.setItem(OS_PREFIX + key, value); return true; }, false);
}

function osSetAside(key, value) {
  osTry(() => localStorage.setItem(`${OS_PREFIX}set-aside:${key}:${new Date().toISOString()}`, value));
  osTry(() => localStorage.removeItem(OS_PREFIX + key));
}

function osDownload(text, name) {
  const blob = new Blob([text], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function osFileName(base, serverShared) {
  const day = new Date().toISOString().slice(0, 10);
  // On a shared computer the name says nothing about what is inside.
  return osMode(serverShared) === "shared" ? `file-${day.replace(/-/g, "")}.json` : `${base}-${day}.json`;
}

function osEl(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

const OS_BINDER_WARNING = "On Binder, every project opened through Binder shares this browser's storage, so other " +
  "Binder pages could read answers kept here, and your next visit may land on another Binder server that " +
  "cannot see them. Keep your save code or download the file instead: that is the way to keep your answers here.";
