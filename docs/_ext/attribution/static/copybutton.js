/* Copy buttons on words said to a parent (attribution/copybutton.py): selector, what to leave
   out and words from this script's data- attributes; no inline code, for the strict CSP. */
(function () {
  "use strict";
  var data = document.currentScript && document.currentScript.dataset, status;
  if (!data) return;
  var icon = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke-width="1.5" ' +
    'stroke-linecap="round" stroke-linejoin="round"><g class="copybtn-copy"><rect x="8" y="8" width="12" ' +
    'height="12" rx="2"/><path d="M16 8V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h2"/></g>' +
    '<path class="copybtn-done" d="M5 12l5 5L20 7"/></svg>';

  /* Plain http (an intranet) has no Clipboard API: the copy command, which we fill ourselves. */
  function copyByCommand(text) {
    var done = false;
    function fill(event) {
      event.clipboardData.setData("text/plain", text);
      event.preventDefault();
      done = true;
    }
    document.addEventListener("copy", fill);
    try { document.execCommand("copy"); } catch (error) { /* refused */ }
    document.removeEventListener("copy", fill);
    return done;
  }

  document.querySelectorAll(data.selector).forEach(function (target) {
    var button = document.createElement("button"), timer;
    button.type = "button";
    button.className = "copybtn";
    button.setAttribute("aria-label", data.copy);
    button.setAttribute("data-tooltip", data.copy);
    button.innerHTML = icon;
    function show(ok) {
      if (!status) {
        status = document.body.appendChild(document.createElement("p"));
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
      }
      status.textContent = ok ? data.copied : data.failed;
      button.setAttribute("data-tooltip", status.textContent);
      button.classList.toggle("success", ok);
      clearTimeout(timer);
      timer = setTimeout(function () {
        button.setAttribute("data-tooltip", data.copy);
        button.classList.remove("success");
        status.textContent = "";
      }, 2000);
    }
    button.addEventListener("click", function () {
      /* Each part's text as shown, without the parts to leave out (the attribution). */
      var text = Array.prototype.filter.call(target.children, function (part) {
        return !(data.exclude && part.matches(data.exclude));
      }).map(function (part) { return part.innerText.trim(); }).join("\n\n");
      if (!navigator.clipboard || !window.isSecureContext) return show(copyByCommand(text));
      show(true); /* at once, as the copy command would; put right if the browser refuses */
      navigator.clipboard.writeText(text).catch(function () { show(copyByCommand(text)); });
    });
    target.insertAdjacentElement("afterend", button);
  });
})();
