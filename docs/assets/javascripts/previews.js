/* Previews of links: hovering or focusing a link to another section of the
   site (a cross-link, "Related services", the glossary's and the numbers
   page's links, backlinks, cards) shows a small card with the section's
   title and first lines and a link to go there. The data ships in the page
   (<script type="application/json" id="notes-previews">), so nothing is
   fetched and it works from disk.

   Keyboard: the card shows while the link has focus and is described by it
   (aria-describedby); Tab moves on as usual (the card is never in the tab
   order, so focus is never trapped), Escape closes it. Touch: a first tap on
   such a link shows its card, a second tap on it follows the link. While a
   card shows, Material's tooltips (an abbreviation's) stay hidden
   (study.css), so the two never open on top of each other. */
(function () {
  "use strict";

  var source = document.getElementById("notes-previews");
  if (!source) return;
  var data = JSON.parse(source.textContent);
  var card = null, title = null, text = null, go = null;
  var current = null, hideTimer = 0, showTimer = 0, touched = false;

  function build() {
    card = document.createElement("div");
    card.className = "notes-preview md-typeset";
    card.id = "notes-preview";
    card.hidden = true;
    title = document.createElement("p");
    title.className = "notes-preview__title";
    text = document.createElement("p");
    text.className = "notes-preview__text";
    text.id = "notes-preview-text";
    go = document.createElement("a");
    go.className = "notes-preview__go";
    go.tabIndex = -1;
    go.textContent = source.getAttribute("data-go") || "Go to section";
    card.appendChild(title);
    card.appendChild(text);
    card.appendChild(go);
    card.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    card.addEventListener("mouseleave", function () { hideSoon(); });
    document.body.appendChild(card);
  }

  function show(link) {
    var preview = data[link.getAttribute("href")];
    if (!preview) return;
    clearTimeout(hideTimer);
    clearTimeout(showTimer);
    if (!card) build();
    if (current && current !== link) current.removeAttribute("aria-describedby");
    current = link;
    title.textContent = preview.title;
    text.textContent = preview.text;
    go.href = link.href;
    link.setAttribute("aria-describedby", "notes-preview-text");
    card.hidden = false;
    document.body.classList.add("notes-previewing");
    var box = link.getBoundingClientRect();
    var width = Math.min(320, document.documentElement.clientWidth - 16);
    card.style.width = width + "px";
    var left = Math.max(8, Math.min(box.left + window.pageXOffset,
      window.pageXOffset + document.documentElement.clientWidth - width - 8));
    var below = box.bottom + card.offsetHeight + 8 <= window.innerHeight;
    var top = below ? box.bottom + 6 : box.top - card.offsetHeight - 6;
    card.style.left = left + "px";
    card.style.top = Math.max(0, top) + window.pageYOffset + "px";
  }

  function hide() {
    clearTimeout(showTimer);
    if (card) card.hidden = true;
    document.body.classList.remove("notes-previewing");
    if (current) current.removeAttribute("aria-describedby");
    current = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 250);
  }

  function target(event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    var inCard = !!link && !!card && card.contains(link);
    return link && data[link.getAttribute("href")] && !inCard ? link : null;
  }

  document.addEventListener("mouseover", function (event) {
    var link = target(event);
    if (!link || link === current) return;
    clearTimeout(showTimer);
    showTimer = setTimeout(function () { show(link); }, 300);
  });
  document.addEventListener("mouseout", function (event) {
    if (target(event)) {
      clearTimeout(showTimer);
      hideSoon();
    }
  });
  document.addEventListener("focusin", function (event) {
    if (touched) return; /* a tap: the click shows the card */
    var link = target(event);
    if (link) show(link);
    else if (current) hide();
  });
  document.addEventListener("keydown", function (event) {
    touched = false;
    if (event.key === "Escape" && card && !card.hidden) hide();
  });
  document.addEventListener("pointerdown", function (event) {
    touched = event.pointerType === "touch";
    if (card && !card.hidden && !card.contains(event.target) && !target(event)) hide();
  });
  document.addEventListener("click", function (event) {
    var link = target(event);
    if (!link || !touched) return;
    if (current !== link || card.hidden) {
      event.preventDefault();
      show(link);
    }
  });
})();
