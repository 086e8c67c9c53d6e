// What the pages once did in inline attributes (the Content-Security-Policy allows no inline
// script): a link field selects itself on click; a form with data-confirm asks first.
(() => {
  for (const field of document.querySelectorAll("input[data-select-all]")) {
    field.addEventListener("click", () => field.select());
  }
  for (const form of document.querySelectorAll("form[data-confirm]")) {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  }
})();
