// Dragging on the organisers' schedule grid. Without JavaScript each item's title and each
// session's "移动本场" link open a page of target cells; this only adds a shortcut to the same
// checked forms: an item dropped on a cell is moved there (end of the session), dropped on
// another item the two swap, a session title dropped on a cell moves the whole session.
(() => {
  const form = document.getElementById("grid-edit");
  if (!form) return;
  let dragged = null;

  const send = (action, fields) => {
    form.action = action;
    for (const [name, value] of Object.entries(fields)) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      form.appendChild(input);
    }
    form.submit();
  };

  for (const el of document.querySelectorAll(".schedule-grid [draggable=true]")) {
    el.addEventListener("dragstart", (event) => {
      event.stopPropagation();
      const cell = el.closest("td.cell");
      dragged = { room: cell.dataset.room, block: cell.dataset.block };
      if (el.classList.contains("item")) dragged.code = el.dataset.code;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", el.dataset.code || "session");
    });
  }

  const mark = (el, on) => el && el.classList.toggle("over", on);
  for (const cell of document.querySelectorAll(".schedule-grid td.cell")) {
    cell.addEventListener("dragover", (event) => {
      if (!dragged) return;
      event.preventDefault();
      mark(cell, true);
    });
    cell.addEventListener("dragleave", () => mark(cell, false));
    cell.addEventListener("drop", (event) => {
      event.preventDefault();
      mark(cell, false);
      if (!dragged) return;
      const onto = event.target.closest(".item");
      const { room, block } = cell.dataset;
      const elsewhere = dragged.room !== room || dragged.block !== block; // else: a no-op
      if (dragged.code && onto && onto.dataset.code !== dragged.code) {
        send("/admin/schedule/swap", { first: dragged.code, second: onto.dataset.code });
      } else if (dragged.code && elsewhere) {
        send("/admin/schedule/move", { presentation: dragged.code, room, block });
      } else if (!dragged.code && elsewhere) {
        send("/admin/schedule/session", {
          room: dragged.room, block: dragged.block, to_room: room, to_block: block,
        });
      }
      dragged = null;
    });
  }
})();
