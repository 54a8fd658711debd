/* What a page loads in place of offline.js when `python -m guide serve` serves it for preview
   (guide/serve.py): no service worker is registered, and any copy of the guide that an earlier
   visit to this address kept is removed, so a page saved in the editor shows on the next
   reload. Never published: the built site always has offline.js. */
(function () {
  "use strict";

  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.getRegistrations().then(function (registrations) {
    registrations.forEach(function (registration) { registration.unregister(); });
  }).catch(function () { /* nothing was kept */ });
  if (!window.caches) return;
  caches.keys().then(function (names) {
    names.forEach(function (name) {
      if (name.indexOf("parent-infant-guide ") === 0) caches.delete(name);
    });
  }).catch(function () { /* nothing was kept */ });
})();
