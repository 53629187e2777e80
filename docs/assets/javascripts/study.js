/* Study with the site: question cards with a simple spaced-repetition
   schedule, and progress (pages read; on the home page, each category's
   share read and cards due; export, import, reset). Everything lives in this browser's localStorage, under one key
   per site (its name, from <meta name="notes-study">); nothing is fetched,
   so it works from disk (file://) as it does served.

   A card starts "new". "Knew it" moves it up a box: it comes back after
   1, 3, 7, 16, then 35 days. "Missed it" puts it back in the first box, due
   again in a few minutes. The Test yourself page shows the cards due first,
   then the new ones, then the rest. Without this script the cards are a
   plain list of questions and answers. */
(function () {
  "use strict";

  var DAY = 864e5;
  var AGAIN = 10 * 6e4;
  var STEPS = [1, 3, 7, 16, 35];
  var meta = document.querySelector('meta[name="notes-study"]');
  var KEY = "notes-study:" + (meta ? meta.getAttribute("content") : "site");

  function load() {
    var state = null;
    try {
      state = JSON.parse(window.localStorage.getItem(KEY) || "null");
    } catch (error) {
      state = null;
    }
    if (!state || typeof state !== "object") state = {};
    state.version = 1;
    if (!state.cards || typeof state.cards !== "object") state.cards = {};
    if (!state.read || typeof state.read !== "object") state.read = {};
    return state;
  }

  function save(state) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(state));
    } catch (error) {
      /* storage full or refused: the page still works for this visit */
    }
  }

  /* The card's schedule after an answer. */
  function grade(record, knew, now) {
    var box = knew ? Math.min(((record && record.box) || 0) + 1, STEPS.length) : 0;
    return { box: box, due: now + (knew ? STEPS[box - 1] * DAY : AGAIN) };
  }

  function isDue(record, now) {
    return !!record && record.due <= now;
  }

  /* A label's text with {name} placeholders filled in. */
  function fill(text, values) {
    return String(text || "").replace(/\{(\w+)\}/g, function (whole, key) {
      return key in values ? values[key] : whole;
    });
  }

  function label(section, name, values) {
    return fill(section.getAttribute("data-label-" + name) || name, values);
  }

  function dueText(section, record, now) {
    if (!record) return label(section, "new", {});
    if (record.due <= now) return label(section, "due", {});
    if (record.box === 0) return label(section, "again", {});
    var days = Math.max(1, Math.round((record.due - now) / DAY));
    return label(section, days === 1 ? "tomorrow" : "later", { n: days });
  }

  function setUp(section) {
    var state = load();
    var now = Date.now();
    var list = section.querySelector(".notes-cards__list");
    var status = section.querySelector("[data-notes-cards-status]");
    var cards = Array.prototype.slice.call(section.querySelectorAll("[data-card]"));

    function show(card) {
      var record = state.cards[card.getAttribute("data-card")];
      card.querySelector("[data-due]").textContent = dueText(section, record, Date.now());
      card.classList.toggle("notes-card--due", isDue(record, Date.now()));
    }

    function summary() {
      var counts = { due: 0, "new": 0, later: 0 };
      var at = Date.now();
      cards.forEach(function (card) {
        var record = state.cards[card.getAttribute("data-card")];
        counts[!record ? "new" : isDue(record, at) ? "due" : "later"] += 1;
      });
      status.textContent = label(section, "summary", counts);
      status.hidden = false;
    }

    /* Due first (longest overdue first), then new, then later (soonest first). */
    function rank(card) {
      var record = state.cards[card.getAttribute("data-card")];
      if (!record) return [1, 0];
      return [record.due <= now ? 0 : 2, record.due];
    }
    if (section.hasAttribute("data-notes-cards-sort")) {
      cards
        .map(function (card, index) { return { card: card, rank: rank(card), index: index }; })
        .sort(function (a, b) {
          return a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.index - b.index;
        })
        .forEach(function (entry) { list.appendChild(entry.card); });
    }

    cards.forEach(function (card) {
      var answer = card.querySelector(".notes-card__answer");
      var actions = card.querySelector(".notes-card__actions");
      var reveal = card.querySelector("[data-reveal]");
      var grades = card.querySelectorAll("[data-grade]");
      answer.hidden = true;
      actions.hidden = false;
      show(card);
      reveal.addEventListener("click", function () {
        var open = answer.hidden;
        answer.hidden = !open;
        reveal.setAttribute("aria-expanded", open ? "true" : "false");
        for (var i = 0; i < grades.length; i++) grades[i].hidden = !open;
      });
      for (var i = 0; i < grades.length; i++) {
        grades[i].addEventListener("click", function (event) {
          var id = card.getAttribute("data-card");
          var knew = event.currentTarget.getAttribute("data-grade") === "knew";
          state = load();
          state.cards[id] = grade(state.cards[id], knew, Date.now());
          save(state);
          show(card);
          summary();
          answer.hidden = true;
          reveal.setAttribute("aria-expanded", "false");
          for (var j = 0; j < grades.length; j++) grades[j].hidden = true;
          reveal.focus();
        });
      }
    });
    summary();
  }

  /* ---- progress ------------------------------------------------------ */

  function markRead(slug, read) {
    var state = load();
    if (read) state.read[slug] = state.read[slug] || Date.now();
    else delete state.read[slug];
    save(state);
  }

  /* "I have read this page": ticked by hand, or by reading to the end (the
     last part of the page comes into view after the reader has scrolled),
     once per visit. */
  function setUpRead(box) {
    var slug = box.getAttribute("data-notes-read");
    box.checked = !!load().read[slug];
    box.closest(".notes-read").hidden = false;
    box.addEventListener("change", function () {
      markRead(slug, box.checked);
    });
    if (!("IntersectionObserver" in window)) return;
    var observer = new IntersectionObserver(function (entries) {
      if (!entries[0].isIntersecting || window.pageYOffset <= 0) return;
      observer.disconnect();
      if (!box.checked) {
        box.checked = true;
        markRead(slug, true);
      }
    });
    /* The article's last part that shows (not the data the page carries). */
    var end = box.closest("article");
    end = end ? end.lastElementChild : null;
    while (end && (end.tagName === "SCRIPT" || end.hidden)) end = end.previousElementSibling;
    observer.observe(end || box);
  }

  /* The home page: each category card's pages read and cards due (new or
     due again), counted from the page's data and this browser's storage. */
  function showProgress(data) {
    var state = load();
    var now = Date.now();
    var lists = document.querySelectorAll(".md-typeset .grid.cards > ul > li");
    for (var i = 0; i < lists.length; i++) {
      var card = lists[i];
      var pages = 0, read = 0, due = 0;
      var links = card.querySelectorAll("a[href]");
      for (var j = 0; j < links.length; j++) {
        var slug = links[j].getAttribute("href").split(/[?#]/)[0].replace(/\.html$/, "");
        var ids = data.pages[slug];
        if (!ids) continue;
        pages += 1;
        if (state.read[slug]) read += 1;
        for (var k = 0; k < ids.length; k++) {
          var record = state.cards[ids[k]];
          if (!record || record.due <= now) due += 1;
        }
      }
      if (!pages) continue;
      var line = card.querySelector(".notes-progress-line");
      if (!line) {
        line = document.createElement("p");
        line.className = "notes-progress-line";
        var counts = card.querySelector(".notes-counts");
        card.insertBefore(line, counts ? counts.nextSibling : null);
      }
      line.textContent = fill(data.labels.category, { read: read, pages: pages, due: due });
    }
  }

  function setUpTools(section, data) {
    var status = section.querySelector("[data-progress-status]");
    var file = section.querySelector("[data-progress-file]");
    section.hidden = false;
    function say(key) {
      status.textContent = data.labels[key] || key;
    }
    section.addEventListener("click", function (event) {
      var action = event.target.getAttribute && event.target.getAttribute("data-progress");
      if (action === "export") {
        var link = document.createElement("a");
        link.href = "data:application/json;charset=utf-8," +
          encodeURIComponent(JSON.stringify(load(), null, 1));
        link.download = "notes-progress.json";
        document.body.appendChild(link);
        link.click();
        link.remove();
        say("exported");
      } else if (action === "import") {
        file.click();
      } else if (action === "reset" && window.confirm(data.labels.confirm_reset)) {
        save({});
        showProgress(data);
        say("was_reset");
      }
    });
    file.addEventListener("change", function () {
      if (!file.files || !file.files[0]) return;
      var reader = new FileReader();
      reader.onload = function () {
        var imported = null;
        try {
          imported = JSON.parse(reader.result);
        } catch (error) {
          imported = null;
        }
        if (!imported || typeof imported.cards !== "object" || typeof imported.read !== "object") {
          say("not_progress");
        } else {
          save({
            version: 1,
            cards: imported.cards || {},
            read: imported.read || {},
            /* the practice questions' last results (quiz.js) */
            quiz: imported.quiz && typeof imported.quiz === "object" ? imported.quiz : {}
          });
          showProgress(data);
          say("imported");
        }
        file.value = "";
      };
      reader.readAsText(file.files[0]);
    });
  }

  function start() {
    var sections = document.querySelectorAll("[data-notes-cards]");
    for (var i = 0; i < sections.length; i++) setUp(sections[i]);
    var box = document.querySelector("[data-notes-read]");
    if (box) setUpRead(box);
    var source = document.getElementById("notes-study-pages");
    if (source) {
      var data = JSON.parse(source.textContent);
      showProgress(data);
      var tools = document.querySelector("[data-notes-progress]");
      if (tools) setUpTools(tools, data);
    }
  }

  window.notesStudy = { key: KEY, load: load, save: save, grade: grade, isDue: isDue };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
