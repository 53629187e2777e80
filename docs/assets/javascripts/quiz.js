/* The author's own questions as a quiz, and their flashcards.

   Each .notes-quiz block (written by the build from a question of the notes:
   hooks/notesite/transforms/quiz/render.py) gets an option to tick per
   option (radio, or checkboxes when several are right), a check button that
   says right or wrong, marks the right options and shows the answer and its
   explanation. A practice exam's page (.notes-quiz-exam) keeps its score,
   with the missed questions listed to try again. Each .notes-flashcard hides
   its answer until revealed. Missed questions and flashcards join the
   question cards' schedule (study.js: window.notesStudy, one localStorage key
   per site), so it works from disk as served. The buttons and words come
   from overrides/partials/quiz.html. */
(function () {
  "use strict";

  var study = null;
  var labels = {};

  function fill(text, values) {
    return String(text || "").replace(/\{(\w+)\}/g, function (whole, key) {
      return key in values ? values[key] : whole;
    });
  }

  function part(name) {
    var parts = document.getElementById("notes-quiz-parts");
    var found = parts && parts.content.querySelector("[data-part='" + name + "']");
    return found ? found.cloneNode(true) : null;
  }

  function results(state) {
    if (!state.quiz || typeof state.quiz !== "object") state.quiz = {};
    return state.quiz;
  }

  /* Record an answer: its result for the exam's score, and the schedule. */
  function record(id, right) {
    var state = study.load();
    results(state)[id] = right ? 1 : 0;
    var known = state.cards[id];
    if (!right || known) state.cards[id] = study.grade(known, right, Date.now());
    study.save(state);
  }

  function setUpQuestion(block, onChecked) {
    var id = block.getAttribute("data-quiz");
    var answer = (block.getAttribute("data-answer") || "").split(",");
    var letters = (block.getAttribute("data-options") || "").split(",");
    var several = answer.length > 1;
    var stem = block.querySelector(".notes-quiz__stem");
    var group = block.querySelector(".notes-quiz__options");
    var list = group && group.querySelector("ul, ol");
    var details = block.querySelector(".notes-quiz__answer");
    var actions = part("check");
    if (!stem || !list || !details || !actions) return null;
    stem.id = "quiz-" + id + "-stem";
    group.setAttribute("role", several ? "group" : "radiogroup");
    group.setAttribute("aria-labelledby", stem.id);
    var items = Array.prototype.slice.call(list.children);
    var inputs = items.map(function (item, index) {
      var input = document.createElement("input");
      input.type = several ? "checkbox" : "radio";
      input.name = "quiz-" + id;
      input.id = "quiz-" + id + "-" + letters[index];
      input.value = letters[index];
      var label = document.createElement("label");
      label.htmlFor = input.id;
      while (item.firstChild) label.appendChild(item.firstChild);
      item.appendChild(input);
      item.appendChild(label);
      item.classList.add("notes-quiz__option");
      return input;
    });
    details.hidden = true;
    group.parentNode.insertBefore(actions, group.nextSibling);
    var result = actions.querySelector("[data-quiz-result]");
    var check = actions.querySelector("[data-quiz-check]");

    function reset() {
      inputs.forEach(function (input) {
        input.checked = false;
        input.parentNode.classList.remove("notes-quiz__option--right", "notes-quiz__option--wrong");
      });
      details.hidden = true;
      result.textContent = "";
    }

    check.addEventListener("click", function () {
      var ticked = inputs.filter(function (input) { return input.checked; });
      if (ticked.length !== answer.length) {
        result.textContent = fill(labels.choose_more, { n: answer.length });
        return;
      }
      var right = ticked.every(function (input) { return answer.indexOf(input.value) >= 0; });
      inputs.forEach(function (input) {
        var item = input.parentNode;
        item.classList.toggle("notes-quiz__option--right", answer.indexOf(input.value) >= 0);
        item.classList.toggle(
          "notes-quiz__option--wrong", input.checked && answer.indexOf(input.value) < 0);
      });
      result.textContent = right ? labels.right : fill(labels.wrong, { answer: answer.join(", ") });
      details.hidden = false;
      details.open = true;
      record(id, right);
      onChecked();
    });
    return { id: id, block: block, stem: stem, reset: reset, first: inputs[0] };
  }

  function setUpExam(box, questions) {
    var score = part("score");
    if (!score) return function () {};
    box.appendChild(score);
    var text = score.querySelector("[data-quiz-score-text]");
    var title = score.querySelector("[data-quiz-missed-title]");
    var missed = score.querySelector("[data-quiz-missed]");
    var retry = score.querySelector("[data-quiz-retry]");

    function show() {
      var done = results(study.load());
      var right = 0, answered = 0, wrong = [];
      questions.forEach(function (question) {
        if (!(question.id in done)) return;
        answered += 1;
        if (done[question.id]) right += 1;
        else wrong.push(question);
      });
      text.textContent = fill(labels.score, { right: right, done: answered, total: questions.length });
      missed.textContent = "";
      wrong.forEach(function (question) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = "#" + question.block.id;
        link.textContent = question.stem.textContent.trim().slice(0, 90);
        item.appendChild(link);
        missed.appendChild(item);
      });
      title.hidden = retry.hidden = missed.hidden = !wrong.length;
    }

    retry.addEventListener("click", function () {
      var state = study.load();
      var done = results(state);
      var first = null;
      questions.forEach(function (question) {
        if (done[question.id] !== 0) return;
        delete done[question.id];
        question.reset();
        first = first || question;
      });
      study.save(state);
      show();
      if (first) first.first.focus();
    });
    show();
    return show;
  }

  function setUpFlashcard(card) {
    var id = card.getAttribute("data-flashcard");
    var answer = card.querySelector(".notes-flashcard__answer");
    var actions = part("reveal");
    if (!answer || !actions) return;
    answer.id = "card-" + id + "-answer";
    answer.hidden = true;
    card.appendChild(actions);
    var reveal = actions.querySelector("[data-reveal]");
    var grades = actions.querySelectorAll("[data-grade]");
    reveal.setAttribute("aria-controls", answer.id);

    function open(shown) {
      answer.hidden = !shown;
      reveal.setAttribute("aria-expanded", shown ? "true" : "false");
      reveal.textContent = shown ? labels.hide : labels.reveal;
      for (var i = 0; i < grades.length; i++) grades[i].hidden = !shown;
    }
    reveal.addEventListener("click", function () { open(answer.hidden); });
    Array.prototype.forEach.call(grades, function (button) {
      button.addEventListener("click", function () {
        var state = study.load();
        var knew = button.getAttribute("data-grade") === "knew";
        state.cards[id] = study.grade(state.cards[id], knew, Date.now());
        study.save(state);
        open(false);
        reveal.focus();
      });
    });
  }

  /* Test yourself: the author's questions this browser has due again. */
  function showToRetry(index) {
    var state = study.load();
    var now = Date.now();
    /* Missed (back in the first box) or due again. */
    var due = Object.keys(index).filter(function (id) {
      var known = state.cards[id];
      return !!known && (known.box === 0 || study.isDue(known, now));
    });
    var box = part("retry");
    var anchor = document.querySelector("[data-notes-cards]");
    if (!box || !anchor) return;
    box.querySelector("[data-quiz-retry-count]").textContent = fill(labels.to_retry, { n: due.length });
    var list = box.querySelector("[data-quiz-retry-list]");
    due.forEach(function (id) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = index[id][0];
      link.textContent = index[id][1];
      item.appendChild(link);
      list.appendChild(item);
    });
    anchor.parentNode.insertBefore(box, anchor);
  }

  function start() {
    study = window.notesStudy;
    var source = document.getElementById("notes-quiz-labels");
    if (!study || !source) return;
    labels = JSON.parse(source.textContent);
    var exam = document.querySelector(".notes-quiz-exam");
    var update = function () {};
    var questions = [];
    Array.prototype.forEach.call(document.querySelectorAll(".notes-quiz"), function (block) {
      var question = setUpQuestion(block, function () { update(); });
      if (question) questions.push(question);
    });
    if (exam) update = setUpExam(exam, questions);
    Array.prototype.forEach.call(document.querySelectorAll(".notes-flashcard"), setUpFlashcard);
    var index = document.getElementById("notes-quiz-index");
    if (index) showToRetry(JSON.parse(index.textContent));
  }

  if (document.readyState === "complete") start();
  else document.addEventListener("DOMContentLoaded", start);
})();
