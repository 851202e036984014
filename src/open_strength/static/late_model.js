// A page part's model (see page_parts.py). It answers `get` with the part's setup. A part that talks
// to the kernel (a form) is drawn before the kernel is reached; until its widget starts, what the
// part sets is kept, what it sends is queued and what it listens for is noted, and all of it is
// handed to the widget's model when the widget links itself to the part.
function osLateModel(setup) {
  const local = { ...setup };
  const changed = new Set();
  const queue = [];
  let handlers = [];
  let real = null;
  let unsaved = false;
  return {
    get: (key) => (real ? real.get(key) : local[key]),
    set: (key, value) => {
      if (real) { real.set(key, value); return; }
      local[key] = value;
      changed.add(key);
    },
    save_changes: () => { if (real) real.save_changes(); else unsaved = true; },
    send: (message) => {
      if (real) real.send(message);
      else if (queue.length < 50) queue.push(message);
    },
    on: (name, handler) => {
      handlers.push([name, handler]);
      if (real) real.on(name, handler);
    },
    off: (name, handler) => {
      handlers = handlers.filter(([n, h]) => n !== name || h !== handler);
      if (real) real.off(name, handler);
    },
    linked: () => real !== null,
    link(widgetModel) {
      if (real) return false;  // one part, one widget
      real = widgetModel;
      for (const key of changed) real.set(key, local[key]);
      if (unsaved || changed.size) real.save_changes();
      for (const [name, handler] of handlers) if (name !== "linked") real.on(name, handler);
      for (const message of queue.splice(0)) real.send(message);
      for (const [name, handler] of handlers) if (name === "linked") handler();
      return true;
    },
  };
}
