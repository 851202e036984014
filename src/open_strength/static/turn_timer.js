// A timer for the speaker/listener practice: whose turn it is, the time left, and a spoken-aloud
// (screen reader) note near the end and when time is up. Runs in the browser only.
function render({ model, el }) {
  const phases = model.get("phases");
  let index = 0;
  let left = phases[0].seconds;
  let timer = null;
  const root = osEl("section", { class: "os-timer", "aria-label": "Turn timer" });
  const who = osEl("p", { class: "os-timer-who" });
  const clock = osEl("p", { class: "os-timer-clock", "aria-hidden": "true" });
  const announce = osEl("p", { class: "os-status", role: "status", "aria-live": "polite" });
  const startStop = osEl("button", { type: "button", class: "os-submit" });
  const next = osEl("button", { type: "button", class: "os-secondary", text: "Next turn" });
  const reset = osEl("button", { type: "button", class: "os-secondary", text: "Start again" });
  const fmt = (s) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  const draw = () => {
    who.textContent = `${index + 1} of ${phases.length}: ${phases[index].label}`;
    clock.textContent = fmt(left);
    startStop.textContent = timer ? "Pause" : (left < phases[index].seconds ? "Carry on" : "Start");
    startStop.setAttribute("aria-label", `${startStop.textContent}, ${fmt(left)} left`);
  };
  const stop = () => { clearInterval(timer); timer = null; };
  const tick = () => {
    left = Math.max(0, left - 1);
    if (left === 30 && phases[index].seconds > 60) announce.textContent = "30 seconds left.";
    if (left === 0) {
      stop();
      const following = phases[index + 1];
      announce.textContent = following ? `Time is up. Next: ${following.label}.` : "Time is up. That was the last turn: talk about how it went.";
    }
    draw();
  };
  startStop.addEventListener("click", () => {
    if (timer) stop();
    else if (left > 0) { announce.textContent = `${phases[index].label}: ${fmt(left)}.`; timer = setInterval(tick, 1000); }
    draw();
  });
  next.addEventListener("click", () => {
    stop();
    index = (index + 1) % phases.length;
    left = phases[index].seconds;
    announce.textContent = `Now: ${phases[index].label}.`;
    draw();
  });
  reset.addEventListener("click", () => { stop(); index = 0; left = phases[0].seconds; announce.textContent = "Back to the first turn."; draw(); });
  root.append(who, clock, osEl("div", { class: "os-device-row" }, startStop, next, reset), announce);
  draw();
  el.classList.add("os-widget");
  el.append(root);
  return stop;
}
export default { render };
