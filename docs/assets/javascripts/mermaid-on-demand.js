/* Mermaid on demand, for a site built without Chromium: the build draws
   every diagram itself, as inline SVG, when it can (hooks/diagram_drawings.py),
   and this script is then not copied into the site at all.

   mermaid.min.js is 3.5 MB of script, and parsing it
   holds a phone's main thread for about a second; most readers of a page
   never scroll to its diagrams. mkdocs-mermaid2 puts this small script on
   the pages that hold a diagram, in place of mermaid itself.

   Material draws the diagrams: when a page loads it calls
   mermaid.initialize() once and mermaid.render(id, text) for each
   <pre class="mermaid">, with whatever window.mermaid is. This script is that
   window.mermaid until the real one is needed: it keeps the settings, finds
   the <pre> a render is for, and waits until that <pre> comes within half a
   screen of being seen. Then it loads the real mermaid (once, from the site
   itself, so it works from disk and offline), hands it the settings and lets
   it render. Diagrams are all drawn at once when the page is printed, on the
   one-page print view, and where IntersectionObserver is missing.

   Which mermaid: over http(s), the ES module build, whose small core imports
   only the parts the page's diagrams need (about 1 MB for a flowchart and a
   sequence diagram, and a fifth of the script work of the whole). Opened
   from disk, browsers refuse ES modules, so the classic build is loaded: all
   of mermaid in one 3.5 MB script. */
(function () {
  "use strict";

  // Where the vendored mermaid is, from this script's own place in the site.
  // hooks/mermaid_assets.py checks that the site has a file at each.
  var MERMAID = "../vendor/mermaid/mermaid.min.js";
  var MERMAID_MODULE = "../vendor/mermaid/mermaid.esm.min.mjs";
  var NEAR = "50% 0px"; // half a screen above and below what is seen
  var EAGER = ".notes-print-intro"; // the print view: every diagram, now

  var here = document.currentScript;
  var base = here ? here.src : document.baseURI;
  var source = new URL(MERMAID, base).href;
  var moduleSource = new URL(MERMAID_MODULE, base).href;
  var fromDisk = location.protocol === "file:";
  var settings = null;
  var loading = null;
  var claimed = typeof WeakSet === "function" ? new WeakSet() : null;
  var waiting = [];

  function classic() {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = source;
      tag.onload = function () {
        var real = window.mermaid;
        if (!real || real === shim || typeof real.render !== "function") {
          reject(new Error("mermaid-on-demand: " + source + " did not define mermaid"));
          return;
        }
        resolve(real);
      };
      tag.onerror = function () {
        reject(new Error("mermaid-on-demand: cannot load " + source));
      };
      document.head.appendChild(tag);
    });
  }

  function module() {
    return import(moduleSource).then(function (loaded) {
      return loaded.default;
    });
  }

  function load() {
    if (!loading) {
      // A server that will not serve the module still gets the diagrams.
      loading = (fromDisk ? classic() : module().catch(classic)).then(function (real) {
        // Diagram labels come from the notes: mermaid's strict security
        // level (its default, kept whatever the settings say) escapes their
        // HTML and turns off click handlers.
        var given = settings || { startOnLoad: false };
        var options = {};
        for (var key in given) options[key] = given[key];
        options.securityLevel = "strict";
        real.initialize(options);
        return real;
      });
      waiting.forEach(function (wait) { wait.release(); });
      waiting = [];
    }
    return loading;
  }

  // The <pre> a render call is for: Material calls render(id, text) with the
  // text of a <pre class="mermaid">, in the order they stand on the page.
  function target(text) {
    var blocks = document.querySelectorAll("pre.mermaid");
    for (var i = 0; i < blocks.length; i++) {
      var block = blocks[i];
      if (block.textContent === text && !(claimed && claimed.has(block))) {
        if (claimed) claimed.add(block);
        return block;
      }
    }
    return null;
  }

  function eager() {
    return typeof IntersectionObserver !== "function" ||
      document.querySelector(EAGER) !== null;
  }

  // Resolves when the block comes near the screen, or when mermaid is
  // loaded for another reason (printing, another diagram).
  function near(block) {
    return new Promise(function (resolve) {
      var observer = new IntersectionObserver(function (entries) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) {
          wait.release();
        }
      }, { rootMargin: NEAR });
      var wait = {
        release: function () {
          observer.disconnect();
          resolve();
        }
      };
      waiting.push(wait);
      observer.observe(block);
    });
  }

  var shim = {
    initialize: function (options) {
      settings = options;
    },
    render: function (id, text) {
      var block = target(text);
      var due = loading || eager() || !block ? Promise.resolve() : near(block);
      return due.then(load).then(function (real) {
        return real.render(id, text);
      });
    }
  };

  window.addEventListener("beforeprint", function () { load(); });
  window.mermaid = shim;
})();
