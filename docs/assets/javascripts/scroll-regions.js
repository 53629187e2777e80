/* Wide tables and diagrams scroll sideways inside their own box (Material
   wraps each table in .md-typeset__scrollwrap; a wide diagram's figure
   scrolls). A box that scrolls must be reachable by keyboard, or a reader
   without a mouse cannot see what is hidden (WCAG 2.1.1; axe-core rule
   scrollable-region-focusable). Each box that actually overflows gets
   tabindex="0", the role of a region and a name (its caption, or "Table n");
   the others stay out of the tab order. Checked again whenever a box or its
   content changes size: diagrams are drawn after the page has loaded.
   notes.css shows such a box's scroll cue; data-scrolled-end, set once the
   reader has scrolled to its right edge, fades the cue's edge away. */
(function () {
  "use strict";

  var SELECTOR = ".md-content .md-typeset__scrollwrap, .md-content figure";

  function name(box, index) {
    var caption = box.querySelector("figcaption");
    var text = caption ? caption.textContent.trim() : "";
    return (text || (box.tagName === "FIGURE" ? "Figure " : "Table ") + (index + 1)) +
      " (scrolls sideways)";
  }

  function markEnd(box) {
    var end = box.scrollLeft + box.clientWidth >= box.scrollWidth - 1;
    if (end) box.setAttribute("data-scrolled-end", "");
    else box.removeAttribute("data-scrolled-end");
  }

  /* All boxes are measured first and changed after, so that the page is laid
     out once, not once per box. */
  function update() {
    var boxes = document.querySelectorAll(SELECTOR);
    var scrolls = [];
    for (var i = 0; i < boxes.length; i++) {
      scrolls.push(/auto|scroll/.test(getComputedStyle(boxes[i]).overflowX) &&
        boxes[i].scrollWidth > boxes[i].clientWidth + 1);
    }
    for (var j = 0; j < boxes.length; j++) {
      var box = boxes[j];
      if (scrolls[j]) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", name(box, j));
        markEnd(box);
      } else if (box.getAttribute("tabindex") === "0") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    }
  }

  /* A ResizeObserver reports every box it starts to watch once the page is
     laid out, so its first report is the first check. */
  var pending = false;
  function updateSoon() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () {
      pending = false;
      update();
    });
  }

  function watch() {
    var boxes = document.querySelectorAll(SELECTOR);
    if (!boxes.length) return;
    if (typeof ResizeObserver === "undefined") {
      update();
      return;
    }
    var observer = new ResizeObserver(updateSoon);
    for (var i = 0; i < boxes.length; i++) {
      observer.observe(boxes[i]);
      boxes[i].addEventListener("scroll", function (event) {
        markEnd(event.currentTarget);
      }, { passive: true });
      if (boxes[i].firstElementChild) observer.observe(boxes[i].firstElementChild);
    }
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(watch); // Material's "page is ready" signal
  } else {
    document.addEventListener("DOMContentLoaded", watch);
  }
  window.addEventListener("resize", updateSoon);
})();
