// Copy buttons: a button with data-copy="ID" copies the value of the input ID. The buttons are
// hidden until this runs, so a page without JavaScript shows the selectable link alone.
(() => {
  for (const button of document.querySelectorAll("button[data-copy]")) {
    const field = document.getElementById(button.dataset.copy);
    if (!field) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      field.select();
      try { await navigator.clipboard.writeText(field.value); } catch { document.execCommand("copy"); }
      button.textContent = "已复制";
      setTimeout(() => { button.textContent = "复制"; }, 2000);
    });
  }
})();
