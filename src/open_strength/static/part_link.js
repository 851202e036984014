// A widget's view: link the widget to its part if the page drew one, or else draw the part here (the
// part was not shown, or its script could not run, as in an untrusted notebook).
function osLinkOrRender(model, el, render) {
  const place = model.get("part");
  const part = place && window.openStrengthParts && window.openStrengthParts[place];
  if (part) {
    if (part.link(model)) {
      el.classList.add("os-linked-view");
      return undefined;
    }
    return render({ model, el });  // a second view of the same widget
  }
  const box = place && document.getElementById(place);
  if (box) box.remove();  // what is drawn here replaces a part that did not start
  return render({ model, el });
}
