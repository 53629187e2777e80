/* Wide tables and diagrams scroll sideways inside their own box (Material
   wraps each table in .md-typeset__scrollwrap; a wide diagram's figure
   scrolls). A box that scrolls must be reachable by keyboard, or a reader
   without a mouse cannot see what is hidden (WCAG 2.1.1; axe-core rule
   scrollable-region-focusable). Each box that actually overflows gets
   tabindex="0", the role of a region and a name (its caption, or "Table n");
   the others stay out of the tab order. Checked again whenever a box or its
   content changes size: diagrams are drawn after the page has loaded. */
(function () {
  "use strict";

  var SELECTOR = ".md-content .md-typeset__scrollwrap, .md-content figure";

  function name(box, index) {
    var caption = box.querySelector("figcaption");
    var text = caption ? caption.textContent.trim() : "";
    return (text || (box.tagName === "FIGURE" ? "Figure " : "Table ") + (index + 1)) +
      " (scrolls sideways)";
  }

  function update() {
    var boxes = document.querySelectorAll(SELECTOR);
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      var scrolls = /auto|scroll/.test(getComputedStyle(box).overflowX) &&
        box.scrollWidth > box.clientWidth + 1;
      if (scrolls) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", name(box, i));
      } else if (box.getAttribute("tabindex") === "0") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    }
  }

  function watch() {
    update();
    if (typeof ResizeObserver === "undefined") return;
    var observer = new ResizeObserver(update);
    var boxes = document.querySelectorAll(SELECTOR);
    for (var i = 0; i < boxes.length; i++) {
      observer.observe(boxes[i]);
      if (boxes[i].firstElementChild) observer.observe(boxes[i].firstElementChild);
    }
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(watch); // Material's "page is ready" signal
  } else {
    document.addEventListener("DOMContentLoaded", watch);
  }
  window.addEventListener("resize", update);
})();
