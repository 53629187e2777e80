/* The site's service worker, written by the build (hooks/offline_app.py):
   this build's files, kept once the first page has loaded, so that every
   page, search and the diagrams work with the network gone. A newer build
   waits until the reader asks for it (the page's "reload" prompt); then the
   older builds' copies are deleted. */
"use strict";
const VERSION = "__VERSION__";
const FILES = __FILES__;
const PREFIX = "notes-offline:" + self.registration.scope + ":";
const CACHE = PREFIX + VERSION;

self.addEventListener("install", (event) => {
  // Straight from the server, not from the browser's HTTP cache.
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(FILES.map((file) => new Request(file, { cache: "reload" })))
    )
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "notes-offline:update") self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith(PREFIX) && key !== CACHE)
            .map((key) => caches.delete(key))
        )
      )
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // A page's ?h= (search highlight) or ?q= does not change the file.
      let found = await cache.match(request, { ignoreSearch: true });
      if (!found && url.pathname.endsWith("/")) {
        found = await cache.match(new URL("index.html", url), { ignoreSearch: true });
      }
      if (found) return found;
      try {
        return await fetch(request);
      } catch (error) {
        const missing = request.mode === "navigate" && (await cache.match("404.html"));
        if (missing) return missing;
        throw error;
      }
    })()
  );
});
