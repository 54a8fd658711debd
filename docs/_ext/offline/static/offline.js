/* Offline use: register the guide's service worker (sw.js) once the page has loaded, and say
   quietly in the footer when the guide is kept on this device. Only over http or https, never
   from a file share. Settings and words come from the footer line's data- attributes. */
(function () {
  "use strict";

  var line = document.querySelector("[data-offline-worker]");
  if (!line || !("serviceWorker" in navigator)) return;
  if (location.protocol !== "https:" && location.protocol !== "http:") return;

  function register() {
    var worker = new URL(line.getAttribute("data-offline-worker"), location.href);
    navigator.serviceWorker.register(worker.href, { updateViaCache: "none" }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function () {
      line.textContent = line.getAttribute("data-ready");
      line.hidden = false;
    }).catch(function () { /* the guide still works online */ });
  }

  if (document.readyState === "complete") register();
  else window.addEventListener("load", register);
})();
