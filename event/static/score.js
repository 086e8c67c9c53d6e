// The running total of a score sheet (the page works without it: the server adds up too).
document.querySelectorAll("form[data-total]").forEach((form) => {
  const out = document.getElementById(form.dataset.total);
  const inputs = form.querySelectorAll("input[type=number]");
  const update = () => {
    let sum = 0;
    inputs.forEach((i) => { const v = parseFloat(i.value); if (!Number.isNaN(v)) sum += v; });
    out.textContent = (Math.round(sum * 10) / 10).toString();
  };
  inputs.forEach((i) => i.addEventListener("input", update));
  if ([...inputs].some((i) => i.value !== "")) update();
});
