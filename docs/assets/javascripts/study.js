/* Study with the site: question cards with a simple spaced-repetition
   schedule, and progress (pages read; on the home page, each category's
   share read and cards due; export, import, reset). Everything lives in this browser's localStorage, under one key
   per site (its name, from <meta name="notes-study">); nothing is fetched,
   so it works from disk (file://) as it does served.

   A card starts "new". "Knew it" moves it up a box: it comes back after
   1, 3, 7, 16, then 35 days. "Missed it" puts it back in the first box, due
   again in a few minutes. The Test yourself page is a session: one card at a
   time, the due ones first, then the new ones with their kinds mixed; Space
   or Enter shows the answer, 1 and 2 grade it, and the end says how it went
   and when the soonest card comes back. Without
   this script, or printed, the cards are a plain list of questions and
   answers. */
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

    var session = section.hasAttribute("data-notes-cards-sort") ? startSession() : null;

    cards.forEach(function (card) {
      var answer = card.querySelector(".notes-card__answer");
      var actions = card.querySelector(".notes-card__actions");
      var reveal = card.querySelector("[data-reveal]");
      var grades = card.querySelectorAll("[data-grade]");
      answer.hidden = true;
      actions.hidden = false;
      show(card);
      var words = {
        show: section.getAttribute("data-label-show") || reveal.textContent,
        hide: section.getAttribute("data-label-hide") || reveal.textContent
      };
      function toggle(open) {
        answer.hidden = !open;
        reveal.setAttribute("aria-expanded", open ? "true" : "false");
        reveal.textContent = open ? words.hide : words.show;
        for (var i = 0; i < grades.length; i++) grades[i].hidden = !open;
      }
      reveal.addEventListener("click", function () { toggle(answer.hidden); });
      for (var i = 0; i < grades.length; i++) {
        grades[i].addEventListener("click", function (event) {
          var id = card.getAttribute("data-card");
          var knew = event.currentTarget.getAttribute("data-grade") === "knew";
          state = load();
          state.cards[id] = grade(state.cards[id], knew, Date.now());
          save(state);
          show(card);
          summary();
          toggle(false);
          if (session && session.graded(card, knew)) return;
          reveal.focus();
        });
      }
    });
    summary();
    if (session) session.begin();

    /* The Test yourself page: one card at a time, in session order; a line
       says where the reader is and which keys work, and at the end what went
       how and when the soonest card comes back. Printed, every card shows. */
    function startSession() {
      var order = sessionOrder(cards, state, now);
      order.cards.forEach(function (card) { list.appendChild(card); });
      var queue = order.cards.slice(0, order.session);
      var at = 0, knew = 0, missed = 0;
      var panel = document.createElement("div");
      panel.className = "notes-cards__session";
      var position = document.createElement("p");
      position.className = "notes-cards__position";
      var keys = document.createElement("p");
      keys.className = "notes-cards__keys";
      keys.textContent = label(section, "keys", {});
      var done = document.createElement("p");
      done.className = "notes-cards__done";
      done.setAttribute("role", "status");
      done.hidden = true;
      var all = document.createElement("button");
      all.type = "button";
      all.className = "md-button notes-cards__all";
      all.setAttribute("aria-pressed", "false");
      all.textContent = label(section, "all_cards_shown", {});
      all.addEventListener("click", function () {
        var every = !section.classList.contains("notes-cards--all");
        section.classList.toggle("notes-cards--all", every);
        all.setAttribute("aria-pressed", every ? "true" : "false");
      });
      [position, keys, done, all].forEach(function (part) { panel.appendChild(part); });
      section.insertBefore(panel, list);
      section.classList.add("notes-cards--session");
      position.id = "notes-cards-position";
      /* Focus comes to a card's reveal button: it reads the question and where
         the session is, too. */
      queue.forEach(function (card) {
        var question = card.querySelector(".notes-card__question");
        question.id = card.id + "-question";
        card.querySelector("[data-reveal]").setAttribute(
          "aria-describedby", question.id + " " + position.id);
        card.querySelector("[data-reveal]").setAttribute("aria-keyshortcuts", "Space Enter");
        card.querySelector('[data-grade="knew"]').setAttribute("aria-keyshortcuts", "1");
        card.querySelector('[data-grade="missed"]').setAttribute("aria-keyshortcuts", "2");
      });

      function current() { return queue[at] || null; }
      function place() {
        queue.forEach(function (card, index) {
          card.classList.toggle("notes-card--current", index === at);
        });
        position.hidden = keys.hidden = at >= queue.length;
        position.textContent = label(section, "position", { n: at + 1, total: queue.length });
      }
      function finish() {
        var soonest = null;
        cards.forEach(function (card) {
          var record = state.cards[card.getAttribute("data-card")];
          if (record && (!soonest || record.due < soonest.due)) soonest = record;
        });
        done.textContent = label(section, "done", { knew: knew, missed: missed }) + " " +
          (soonest ? label(section, "next_due", { when: dueText(section, soonest, Date.now()) })
            : label(section, "nothing_due", {}));
        done.hidden = false;
        if (!queue.length) return;
        done.tabIndex = -1;
        done.focus();
      }
      document.addEventListener("keydown", function (event) {
        var target = event.target;
        var card = current();
        if (!card || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
        if (target.closest && target.closest("input, textarea, select, [contenteditable], .md-search")) return;
        var open = !card.querySelector(".notes-card__answer").hidden;
        var button = null;
        if (event.key === " " || event.key === "Enter") {
          /* a focused button or link does its own thing */
          if (target.closest && target.closest("a[href], button, summary")) return;
          if (!open) button = card.querySelector("[data-reveal]");
        } else if (open && (event.key === "1" || event.key === "2")) {
          button = card.querySelector('[data-grade="' + (event.key === "1" ? "knew" : "missed") + '"]');
        }
        if (!button) return;
        event.preventDefault();
        button.click();
      });
      return {
        begin: function () {
          place();
          if (!queue.length) finish();
        },
        /* A card was graded: the next one comes (true), or the summary. */
        graded: function (card, knewIt) {
          if (card !== current()) return false;
          if (knewIt) knew += 1; else missed += 1;
          at += 1;
          place();
          var next = current();
          if (next) next.querySelector("[data-reveal]").focus();
          else finish();
          return true;
        }
      };
    }
  }

  /* Cards of every kind taken in turn, each kind keeping its order. */
  function mix(entries) {
    var byKind = {}, kinds = [], mixed = [];
    entries.forEach(function (entry) {
      var kind = entry.card.getAttribute("data-kind") || "";
      if (!byKind[kind]) { byKind[kind] = []; kinds.push(kind); }
      byKind[kind].push(entry);
    });
    for (var round = 0; mixed.length < entries.length; round++) {
      kinds.forEach(function (kind) {
        if (byKind[kind][round]) mixed.push(byKind[kind][round]);
      });
    }
    return mixed;
  }

  /* A session's order: the due cards first (longest overdue first), then the
     new ones with their kinds mixed; the session is those (``session`` of
     them), and the rest follow (soonest first) for the list of every card. */
  function sessionOrder(cards, state, now) {
    var groups = [[], [], []];
    cards.forEach(function (card, index) {
      var record = state.cards[card.getAttribute("data-card")];
      groups[!record ? 1 : isDue(record, now) ? 0 : 2].push(
        { card: card, due: record ? record.due : 0, index: index });
    });
    function soonest(a, b) { return a.due - b.due || a.index - b.index; }
    groups[0].sort(soonest);
    groups[2].sort(soonest);
    var ordered = groups[0].concat(mix(groups[1]), groups[2]);
    return {
      cards: ordered.map(function (entry) { return entry.card; }),
      session: groups[0].length + groups[1].length
    };
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

  /* The home page: each category card's pages read, cards due and cards new
     (counted as the Test yourself page counts them), from the page's data and
     this browser's storage; the line takes the place of the card's page count. */
  function showProgress(data) {
    var state = load();
    var now = Date.now();
    var lists = document.querySelectorAll(".md-typeset .grid.cards > ul > li");
    for (var i = 0; i < lists.length; i++) {
      var card = lists[i];
      var pages = 0, read = 0, due = 0, fresh = 0;
      var links = card.querySelectorAll("a[href]");
      for (var j = 0; j < links.length; j++) {
        var slug = links[j].getAttribute("href").split(/[?#]/)[0].replace(/\.html$/, "");
        var ids = data.pages[slug];
        if (!ids) continue;
        pages += 1;
        if (state.read[slug]) read += 1;
        for (var k = 0; k < ids.length; k++) {
          var record = state.cards[ids[k]];
          if (!record) fresh += 1;
          else if (isDue(record, now)) due += 1;
        }
      }
      if (!pages) continue;
      var line = card.querySelector(".notes-progress-line");
      if (!line) {
        line = document.createElement("p");
        line.className = "notes-progress-line";
        var counts = card.querySelector(".notes-counts");
        card.insertBefore(line, counts ? counts.nextSibling : null);
        if (counts) counts.hidden = true;
      }
      line.textContent = fill(data.labels.category,
        { read: read, pages: pages, due: due, "new": fresh });
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
