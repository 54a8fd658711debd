/* "Print this guide": shown only where JavaScript can print, just after the page's title. */
document.querySelectorAll("[data-print]").forEach(function (button) {
  var action = button.closest(".print-action");
  var title = document.querySelector(".body h1");
  if (action && title) title.insertAdjacentElement("afterend", action);
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
