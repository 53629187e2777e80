/* Reading offline when the site is served (https, or http on localhost):
   links the web app manifest and, once the page has loaded and the browser
   is idle, registers the service worker (sw.js, at the site's root), which
   keeps every page, the search index and the assets. When a newer build's
   worker is ready, a small prompt offers to reload into it. From disk
   (file://) nothing happens: the site reads offline there as it is. */
(() => {
  const me = document.currentScript;
  if (!me || !("serviceWorker" in navigator) || !window.isSecureContext) return;
  if (location.protocol !== "https:" && location.protocol !== "http:") return;
  const root = new URL("../../", me.src);
  const manifest = document.createElement("link");
  manifest.rel = "manifest";
  manifest.href = new URL("manifest.webmanifest", root).href;
  document.head.append(manifest);

  let asked = false;
  const offer = (worker) => {
    if (!worker || !navigator.serviceWorker.controller || document.getElementById("notes-update")) return;
    const box = document.createElement("div");
    box.id = "notes-update";
    box.className = "notes-update";
    box.setAttribute("role", "status");
    box.textContent = "A newer version of the notes is available \u2014 ";
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "reload";
    button.addEventListener("click", () => {
      asked = true;
      worker.postMessage("notes-offline:update");
    });
    box.append(button);
    document.body.append(box);
  };
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (asked) location.reload();
  });
  const register = () =>
    navigator.serviceWorker
      .register(new URL("sw.js", root), { scope: root.href })
      .then((registration) => {
        offer(registration.waiting);
        registration.addEventListener("updatefound", () => {
          const worker = registration.installing;
          worker?.addEventListener("statechange", () => {
            if (worker.state === "installed") offer(worker);
          });
        });
      })
      .catch(() => {});
  addEventListener("load", () => (window.requestIdleCallback || setTimeout)(register));
})();
