/* The guide's service worker, written into the site as sw.js by the build (docs/_ext/offline).
   After the first visit it keeps every file of this copy of the guide (the list and digests in
   offline.json), so the guide opens and works with no network. It keeps nothing else: only
   the files that list names, from this site's own address, and nothing anyone types.
   A new build has a new version: the new worker keeps the new files, then deletes the old copy.
   If offline.json is gone (the site was taken down, or offline use turned off), it deletes its
   copy and unregisters itself. */
"use strict";

var VERSION = "__VERSION__";
var SCOPE = self.registration.scope;
var LIST = new URL("offline.json", SCOPE).href;
var PREFIX = "parent-infant-guide " + SCOPE + " ";
var CACHE = PREFIX + VERSION;
var AT_ONCE = 4;
var CHECK_EVERY = 10 * 60 * 1000;
var lastCheck = 0;

/* The address a file is kept under: no query or fragment, and a folder's index.html. */
function keyOf(address) {
  var url = new URL(address);
  url.search = "";
  url.hash = "";
  if (url.pathname.slice(-1) === "/") url.pathname += "index.html";
  return url.href;
}

function ours(name) {
  return name.indexOf(PREFIX) === 0;
}

function base64(buffer) {
  var bytes = new Uint8Array(buffer);
  var text = "";
  for (var i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
  return btoa(text);
}

/* A copy already kept by the previous version, if its bytes are still the listed ones. */
function unchanged(file, url) {
  return caches.keys().then(function (names) {
    var older = names.filter(function (name) { return ours(name) && name !== CACHE; });
    if (!older.length) return null;
    return caches.open(older[older.length - 1]).then(function (cache) {
      return cache.match(url);
    }).then(function (response) {
      if (!response) return null;
      return response.clone().arrayBuffer().then(function (body) {
        return crypto.subtle.digest("SHA-256", body);
      }).then(function (digest) {
        return "sha256-" + base64(digest) === file.integrity ? response : null;
      });
    });
  }).catch(function () { return null; });
}

function keep(cache, files) {
  var queue = files.slice();
  function next() {
    var file = queue.shift();
    if (!file) return Promise.resolve();
    var url = new URL(file.url, SCOPE).href;
    if (url.indexOf(SCOPE) !== 0) return Promise.reject(new Error("not in this site: " + file.url));
    return unchanged(file, url).then(function (kept) {
      return kept || fetch(url, { cache: "no-cache", credentials: "same-origin", integrity: file.integrity });
    }).then(function (response) {
      if (!response.ok) throw new Error(url + " answered " + response.status);
      return cache.put(url, response);
    }).then(next);
  }
  var lanes = [];
  for (var i = 0; i < AT_ONCE; i++) lanes.push(next());
  return Promise.all(lanes);
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    fetch(LIST, { cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("offline.json answered " + response.status);
        return response.json();
      })
      .then(function (list) {
        if (list.version !== VERSION) throw new Error("offline.json is for another version");
        return caches.open(CACHE).then(function (cache) { return keep(cache, list.files); });
      })
      .catch(function (error) {
        return caches.delete(CACHE).then(function () { throw error; });
      })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return ours(name) && name !== CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function retire() {
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(ours).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.registration.unregister(); });
}

/* Still published? Asked at most every ten minutes, only when a page is opened. */
function check() {
  var now = Date.now();
  if (now - lastCheck < CHECK_EVERY) return Promise.resolve();
  lastCheck = now;
  return fetch(LIST, { method: "HEAD", cache: "no-store", credentials: "same-origin" }).then(function (response) {
    if (response.status === 404 || response.status === 410) return retire();
  }, function () { /* no network: keep everything */ });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.url.indexOf(SCOPE) !== 0) return;
  var key = keyOf(request.url);
  if (key === LIST || key === new URL("sw.js", SCOPE).href) return;
  event.respondWith(
    caches.match(key, { cacheName: CACHE, ignoreVary: true }).then(function (kept) {
      return kept || fetch(request);
    })
  );
  if (request.mode === "navigate") event.waitUntil(check());
});
