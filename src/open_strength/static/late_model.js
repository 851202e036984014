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
// A part's widgets built after the page was sent (a form's, see show.form): once Voila's widget
// manager has the model `viewId`, its view is shown just after the part, as an output would be.
// The form's own view then links the widget to the part.
async function osShowLaterView(viewId, el) {
  const app = await new Promise((resolve) => {
    const look = () => (window.jupyterapp ? resolve(window.jupyterapp) : setTimeout(look, 25));
    look();
  });
  const manager = await app.widgetManagerPromise.promise;
  if (!manager.registeredModels.has(viewId)) {
    await new Promise((resolve) => {
      const registered = (_manager, id) => {
        if (id !== viewId) return;
        manager.modelRegistered.disconnect(registered);
        resolve();
      };
      manager.modelRegistered.connect(registered);
    });
  }
  // Placed first: a view whose part did not start removes the part as it draws.
  const host = document.createElement("div");
  host.className = "os-later-view jp-OutputArea-output";
  (el.closest(".jp-OutputArea-output") || el).after(host);
  const view = await manager.create_view(await manager.get_model(viewId), {});
  const widget = view.luminoWidget;
  widget.constructor.attach(widget, host);  // Lumino's Widget.attach, inherited by every widget class
}
