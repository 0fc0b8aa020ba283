// The schedule editor's drag and drop, on top of its "Place…"/"Move…" buttons (which work
// without it): a breakout dropped on a free slot it may take submits that slot's button of
// its own form, so both paths post the same choice. Only the slots the server listed for the
// breakout accept the drop. No inline script or style (CSP): classes only.
(() => {
  let dragged = null;

  const allowed = (cell) => dragged && cell && dragged.dataset.slots.split(" ").includes(cell.dataset.slot);
  const targets = () => document.querySelectorAll("td[data-slot]");
  const clear = () => {
    targets().forEach((cell) => cell.classList.remove("ed-drop-ok", "ed-drop-here"));
    if (dragged) dragged.classList.remove("ed-dragging");
    dragged = null;
  };

  document.addEventListener("dragstart", (event) => {
    const card = event.target.closest && event.target.closest(".ed-card[data-slots]");
    if (!card) return;
    dragged = card;
    card.classList.add("ed-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.id);
    targets().forEach((cell) => { if (allowed(cell)) cell.classList.add("ed-drop-ok"); });
  });

  document.addEventListener("dragover", (event) => {
    const cell = event.target.closest && event.target.closest("td[data-slot]");
    if (!allowed(cell)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    targets().forEach((other) => other.classList.toggle("ed-drop-here", other === cell));
  });

  document.addEventListener("drop", (event) => {
    const cell = event.target.closest && event.target.closest("td[data-slot]");
    if (!allowed(cell)) return;
    event.preventDefault();
    const button = dragged.querySelector(`button[name="slot"][value="${cell.dataset.slot}"]`);
    const form = button.form;
    clear();
    form.requestSubmit(button);
  });

  document.addEventListener("dragend", clear);
})();
