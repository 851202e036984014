// A private writing box. Its text is never put in the widget model, so it never reaches the kernel.
// If the participant chose to keep things in this browser, the text is kept there, and only there.
function render({ model, el }) {
  const serverShared = model.get("shared_device");
  const storeKey = model.get("store_key") ? `notes:${model.get("store_key")}` : "";
  const id = `os-ref-${Math.random().toString(36).slice(2, 9)}`;
  const wrap = osEl("div", { class: "os-reflection" });
  const box = osEl("textarea", { id, rows: 4, "aria-describedby": `${id}-note` });
  const note = osEl("p", { id: `${id}-note`, class: "os-reflection-note" });
  const describe = () => {
    note.textContent = osMode(serverShared) === "keep" && storeKey
      ? "Private: what you write is kept in this browser only, and is never sent anywhere."
      : "Private: what you write stays in this browser tab and is never sent anywhere. It is not saved: " +
        "copy it somewhere private if you want to keep it.";
  };
  if (storeKey && osMode(serverShared) === "keep") box.value = osRead(storeKey) || "";
  box.addEventListener("input", () => { if (storeKey) osWrite(storeKey, box.value, serverShared); });
  window.addEventListener(OS_MODE_EVENT, describe);
  describe();
  wrap.append(osEl("label", { for: id, text: model.get("prompt") }), box, note);
  el.append(wrap);
  return () => window.removeEventListener(OS_MODE_EVENT, describe);
}
export default { render };
