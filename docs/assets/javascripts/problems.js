/* Under `mkdocs serve` only: the problems the build found in this page's
   notes files (overrides/partials/problems.html) go to the browser console
   too, and the banner gets its dismiss button. The lines are the notes'
   text: they are only ever passed as strings, never as markup. */
(function () {
  "use strict";

  var source = document.getElementById("notes-problems");
  if (!source) return;
  var data = JSON.parse(source.textContent);
  data.lines.forEach(function (line) { console.warn(line); });
  if (data.rest) console.warn(data.rest + " more in other notes files (make lint lists them all)");
  var banner = source.closest(".md-banner") || source.parentNode;
  var close = banner.querySelector(".notes-problems__close");
  if (!close) return;
  close.hidden = false;
  close.addEventListener("click", function () { banner.hidden = true; });
})();
