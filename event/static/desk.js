// A USB scanner types into whatever has the focus: bring it back to the input after printing.
(() => {
  const input = document.getElementById("q");
  if (!input) return;
  const back = () => setTimeout(() => input.focus(), 0);
  document.querySelector(".desk-print")?.addEventListener("submit", back);
  window.addEventListener("focus", back);
})();
