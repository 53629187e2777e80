/*
 * The site's search engine, behind Material's search dialog.
 *
 * Material runs its search in a web worker and talks to it in four messages:
 * SETUP (the index: config and docs), READY, QUERY (what the reader typed) and
 * RESULT (the matching docs, grouped by page). This worker answers the same
 * messages with its own ranking, so Material's dialog, suggestions, keyboard
 * and highlighting stay as they are. It is a classic script with no imports:
 * from disk (file://) the iframe-worker shim runs it in a hidden iframe, where
 * modules, fetch and WebAssembly are not available.
 *
 * Ranking, in order:
 *   1. A query that names a page (its title, short name, an abbreviation or an
 *      alias the catalogue gives, spaced or spelt slightly wrong) puts that
 *      page first.
 *   2. Docs (a page's introduction or one of its sections) that hold more of
 *      the query's words come before docs that hold fewer ("AND before OR").
 *   3. Among those, BM25 over the doc's heading, heading path, names and text,
 *      multiplied by how close together the words are: the exact phrase best.
 * Words match exactly, then as plurals, then as prefixes, then with one or two
 * typing mistakes; split words ("cloud front") also match joined, and joined
 * or punctuated terms (SSE-C, sts:AssumeRole, 10.0.0.0/16, 256KB) match whole.
 * Question words ("how", "what", "can") are left out of the query; the few
 * everyday synonyms ("max" for "maximum") come from the index's settings.
 */
;(function () {
  "use strict"

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3

  var FIELDS = { names: 4, title: 3, path: 1.5, text: 1 }
  var K1 = 1.2, B = 0.75
  var SNIPPET = 180   /* characters of text shown around the first match */
  var MAX_GROUPS = 30 /* pages listed */
  var OPEN_SECTIONS = 3 /* sections shown open under a page, the others folded */

  /* -- words ------------------------------------------------------------------ */

  /* A run of letters and digits, with the joiners that hold a term together
     (SSE-KMS, sts:AssumeRole, 10.0.0.0/16, lambda_handler.py). A dot joins
     only before a digit or a small letter: "messages.The" is two sentences. */
  var CHUNK = /[\p{L}\p{N}]+(?:(?:['\u2019:\/_\-+]|\.(?=[\p{N}\p{Ll}]))[\p{L}\p{N}]+)*/gu
  /* Where a chunk splits into parts: joiners, lower→Upper (AssumeRole) and
     digit→letter (256KB), but not letter→digit (S3, EC2 stay whole). */
  var PART = /\p{Lu}?\p{Ll}+|\p{Lu}+(?!\p{Ll})|\p{N}+|\p{L}+/gu

  function fold(word) {
    return word.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
  }

  /* Plurals and other -s forms to one word: replicas, policies, boxes. */
  function stem(word) {
    if (word.length <= 3 || /\d/.test(word)) return word
    if (/ies$/.test(word) && word.length > 4) return word.slice(0, -3) + "y"
    if (/(ss|us|is)$/.test(word)) return word
    if (/(sses|xes|ches|shes)$/.test(word)) return word.slice(0, -2)
    if (/s$/.test(word)) return word.slice(0, -1)
    return word
  }

  /* The parts of one chunk, folded; a letter-digit part (s3, ec2, route53)
     stays whole unless the digits come first (256kb → 256, kb). */
  function parts(chunk) {
    var out = []
    var pieces = chunk.split(/['\u2019.:\/_\-+]/)
    for (var i = 0; i < pieces.length; i++) {
      var piece = pieces[i]
      if (!piece) continue
      var leading = /^(\p{N}+)(\p{L}+)$/u.exec(piece)
      if (leading) { out.push(leading[1], fold(leading[2])); continue }
      var sub = piece.match(PART) || [piece]
      /* Letters then digits ("S3", "EC2"): one part, as readers write it */
      var merged = []
      for (var j = 0; j < sub.length; j++) {
        if (/^\p{N}+$/u.test(sub[j]) && merged.length && !/\p{N}$/u.test(merged[merged.length - 1]))
          merged[merged.length - 1] += sub[j]
        else merged.push(sub[j])
      }
      for (var k = 0; k < merged.length; k++) out.push(fold(merged[k]))
    }
    return out
  }

  /* Tokens of a text: {t: term, p: position, c: chunk index, s/e: the
     chunk's characters}. A chunk of several parts also yields the parts
     joined, at the first part's position. */
  function tokenize(text) {
    var tokens = [], position = 0, chunk = 0, match
    CHUNK.lastIndex = 0
    while ((match = CHUNK.exec(text))) {
      var ps = parts(match[0]), s = match.index, e = s + match[0].length
      if (ps.length > 1) tokens.push({ t: stem(ps.join("")), p: position, c: chunk, s: s, e: e })
      for (var i = 0; i < ps.length; i++)
        tokens.push({ t: stem(ps[i]), p: position + i, c: chunk, s: s, e: e })
      position += Math.max(ps.length, 1)
      chunk++
    }
    return tokens
  }

  /* -- text of a doc --------------------------------------------------------- */

  var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", "#39": "'", nbsp: " " }

  function plain(html) {
    return String(html || "")
      .replace(/<[^>]*>/g, " ")
      .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, function (_, e) { return ENTITIES[e] })
      .replace(/\s+/g, " ")
      .trim()
  }

  function escapeHTML(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
  }

  /* The text with each chunk that yields one of `terms` in <mark>. */
  function mark(text, terms) {
    var out = "", last = 0, match
    CHUNK.lastIndex = 0
    while ((match = CHUNK.exec(text))) {
      var ps = parts(match[0]), hit = terms.has(stem(ps.join("")))
      for (var i = 0; !hit && i < ps.length; i++) hit = terms.has(stem(ps[i]))
      if (!hit) continue
      out += escapeHTML(text.slice(last, match.index)) +
        "<mark>" + escapeHTML(match[0]) + "</mark>"
      last = match.index + match[0].length
    }
    return out + escapeHTML(text.slice(last))
  }

  /* Up to SNIPPET characters of the text, from shortly before its first
     match, with the matches (character ranges, from the index) in <mark>. */
  function snippet(text, ranges) {
    ranges = ranges.slice().sort(function (a, b) { return a[0] - b[0] })
    var first = ranges.length ? ranges[0][0] : 0
    var start = first ? Math.max(0, text.lastIndexOf(" ", Math.max(0, first - 40)) + 1) : 0
    var end = Math.min(text.length, start + SNIPPET)
    var out = "", at = start
    ranges.forEach(function (range) {
      if (range[0] < at || range[1] > end) return
      out += escapeHTML(text.slice(at, range[0])) +
        "<mark>" + escapeHTML(text.slice(range[0], range[1])) + "</mark>"
      at = range[1]
    })
    out += escapeHTML(text.slice(at, end))
    return (start > 0 ? "… " : "") + out.trim() + (end < text.length ? " …" : "")
  }

  /* -- edit distance, bounded ------------------------------------------------- */

  /* At most `limit` typing mistakes between a and b: a letter missing, extra,
     wrong, or two letters swapped. */
  function within(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return false
    var before = null, prev = [], i, j
    for (j = 0; j <= b.length; j++) prev[j] = j
    for (i = 1; i <= a.length; i++) {
      var cur = [i], best = i
      for (j = 1; j <= b.length; j++) {
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
        if (before && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
          v = Math.min(v, before[j - 2] + 1)
        cur[j] = v
        if (v < best) best = v
      }
      if (best > limit) return false
      before = prev
      prev = cur
    }
    return prev[b.length] <= limit
  }

  function mistakes(word) {
    return word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0
  }

  /* -- the index --------------------------------------------------------------- */

  function Engine(index) {
    var config = index.config || {}
    var settings = config.notes || {}
    this.stop = new Set(String(settings.stop_words || "").split(/\s+/).filter(Boolean).map(function (word) { return stem(fold(word)) }))
    this.synonyms = settings.synonyms || {}
    this.docs = []
    this.pages = new Map()          /* page location → its doc */
    this.postings = new Map()       /* term → [[doc, field, tf], ...] */
    this.names = []                 /* [compact name, page location] */
    this.named_by = new Map()       /* compact name → page locations */
    this.words = new Set()          /* terms that stand alone somewhere, not only joined */
    var lengths = {}, count = 0
    var self = this
    for (var f in FIELDS) lengths[f] = 0
    index.docs.forEach(function (source) {
      var page = source.location.split("#")[0]
      var doc = {
        id: self.docs.length,
        location: source.location,
        page: page,
        title: plain(source.title),
        text: plain(source.text),
        path: source.path || [],
        names: source.names || [],
        boost: typeof source.boost === "number" ? source.boost : 1,
        at: {},        /* field → term → positions */
        ranges: {},    /* term → character ranges in the text */
        written: {},   /* term → how the title or names write it */
        length: {}
      }
      if (!self.pages.has(page)) self.pages.set(page, doc)
      doc.parent = self.pages.get(page) === doc ? null : self.pages.get(page)
      var fields = {
        title: doc.title,
        text: doc.text,
        path: doc.path.join(" \u2022 "),
        names: doc.names.join(" \u2022 ")
      }
      for (var field in fields) {
        var tokens = tokenize(fields[field])
        var at = doc.at[field] = new Map()
        doc.length[field] = tokens.length
        lengths[field] += tokens.length
        tokens.forEach(function (token, i) {
          var positions = at.get(token.t)
          if (!positions) at.set(token.t, positions = [])
          positions.push(token.p)
          if (field === "text") {
            var ranges = doc.ranges[token.t] || (doc.ranges[token.t] = [])
            ranges.push([token.s, token.e])
          } else if (!(token.t in doc.written)) {
            doc.written[token.t] = fields[field].slice(token.s, token.e)
          }
          if (!(i + 1 < tokens.length && tokens[i + 1].p === token.p && tokens[i + 1].c === token.c))
            self.words.add(token.t)
        })
        at.forEach(function (positions, term) {
          var list = self.postings.get(term)
          if (!list) self.postings.set(term, list = [])
          list.push([doc.id, field, positions.length])
        })
      }
      if (!doc.parent) {
        ;[doc.title].concat(doc.names).forEach(function (name) {
          var compact = tokenize(name).filter(function (t, i, all) {
            return !(i + 1 < all.length && all[i + 1].p === t.p && all[i + 1].c === t.c)
          }).map(function (t) { return t.t }).join("")
          if (compact.length >= 2) {
            self.names.push([compact, page])
            if (!self.named_by.has(compact)) self.named_by.set(compact, new Set())
            self.named_by.get(compact).add(page)
          }
        })
      }
      self.docs.push(doc)
      count++
    })
    this.average = {}
    for (var name in lengths) this.average[name] = Math.max(1, lengths[name] / Math.max(1, count))
    this.vocabulary = Array.from(this.postings.keys()).sort()
    this.memo = new Map()     /* what a word stands for, kept between keystrokes */
    this.byInitial = new Map()  /* first letter → terms */
    this.vocabulary.forEach(function (term) {
      var list = self.byInitial.get(term[0])
      if (!list) self.byInitial.set(term[0], list = [])
      list.push(term)
    })
    this.documentFrequency = new Map()
    this.postings.forEach(function (list, term) {
      self.documentFrequency.set(term, new Set(list.map(function (p) { return p[0] })).size)
    })
  }

  Engine.prototype.idf = function (term) {
    var n = this.documentFrequency.get(term) || 0
    return Math.log(1 + (this.docs.length - n + 0.5) / (n + 0.5))
  }

  /* Terms of the vocabulary starting with `prefix`, by binary search. */
  Engine.prototype.prefixed = function (prefix) {
    var vocabulary = this.vocabulary, lo = 0, hi = vocabulary.length
    while (lo < hi) {
      var mid = (lo + hi) >> 1
      if (vocabulary[mid] < prefix) lo = mid + 1; else hi = mid
    }
    var out = []
    for (var i = lo; i < vocabulary.length && vocabulary[i].lastIndexOf(prefix, 0) === 0; i++)
      out.push(vocabulary[i])
    return out
  }

  /* The terms of the index a query word stands for, each with a weight:
     exact 1, synonym 0.9, prefix 0.7 (less for short prefixes of long
     words), one or two mistakes 0.5 (unless `fuzzy` is false). */
  Engine.prototype.expand = function (word, last, fuzzy) {
    var key = "expand " + word + (last ? " last" : "") + (fuzzy === false ? " exact" : "")
    if (this.memo.has(key)) return this.memo.get(key)
    var alternatives = new Map()
    var add = function (term, weight) {
      if ((alternatives.get(term) || 0) < weight) alternatives.set(term, weight)
    }
    if (this.postings.has(word)) add(word, 1)
    var self = this
    ;(this.synonyms[word] || []).forEach(function (synonym) {
      tokenize(synonym).forEach(function (t) { if (self.postings.has(t.t)) add(t.t, 0.9) })
    })
    if (word.length >= 3 || (last && word.length >= 2 && !alternatives.size)) {
      this.prefixed(word).forEach(function (term) {
        if (term !== word) add(term, 0.7 * Math.sqrt(word.length / term.length))
      })
    }
    /* typing mistakes: among the terms with the same first letter (few
       mistakes are made there), of about the same length or, for the word
       being typed, longer */
    var limit = fuzzy === false ? 0 : mistakes(word)
    if (!alternatives.size && limit) {
      ;(this.byInitial.get(word[0]) || []).forEach(function (term) {
        var longer = term.length - word.length
        if (longer >= -limit && longer <= limit && within(word, term, limit)) add(term, 0.5)
        else if (last && longer > 0 && within(word, term.slice(0, word.length), 1)) add(term, 0.4)
      })
    }
    return this.remember(key, alternatives)
  }

  /* The query as groups of alternatives, one group per word that counts. */
  Engine.prototype.parse = function (query) {
    var tokens = tokenize(query)
    var chunks = []
    tokens.forEach(function (token) {
      var chunk = chunks[token.c] || (chunks[token.c] = { whole: null, parts: [] })
      if (chunk.parts.length === 0 && chunk.whole === null &&
          tokens.filter(function (t) { return t.c === token.c }).length > 1)
        chunk.whole = token.t
      else chunk.parts.push(token.t)
    })
    chunks = chunks.filter(Boolean)
    var self = this
    var meaningful = chunks.filter(function (chunk) {
      return chunk.whole || !self.stop.has(chunk.parts[0])
    })
    if (!meaningful.length) meaningful = chunks
    var trailing = !/\s$/.test(query)
    var groups = []
    meaningful.forEach(function (chunk, n) {
      var last = trailing && n === meaningful.length - 1
      /* SSE-C, 10.0.0.0/16: the joined term when the index holds it,
         otherwise each part as its own word */
      if (chunk.whole) {
        var whole = self.expand(chunk.whole, last)
        var phrase = chunk.parts.filter(function (part) { return self.postings.has(part) })
        var spelt = phrase.length === chunk.parts.length && self.phrase(phrase).size
        if (whole.size || spelt) {
          groups.push({ word: chunk.whole, terms: whole, phrase: spelt ? phrase : null, last: last })
          return
        }
      }
      chunk.parts.forEach(function (part, i) {
        if (chunk.whole && self.stop.has(part)) return
        groups.push({
          word: part,
          terms: self.expand(part, last && i === chunk.parts.length - 1),
          phrase: self.split(part),
          last: last && i === chunk.parts.length - 1
        })
      })
    })
    /* "cloud front", "dynamo db", "fire hose": two words the index holds joined */
    for (var i = 0; i + 1 < groups.length; i++) {
      var joined = groups[i].word + groups[i + 1].word
      var terms = this.expand(joined, groups[i + 1].last, false)
      var exact = terms.get(joined) || terms.get(stem(joined))
      if (exact || (groups[i].terms.size === 0 || groups[i + 1].terms.size === 0) && terms.size) {
        var spaced = [groups[i].word, groups[i + 1].word]
        var both = spaced.every(function (w) { return self.postings.has(w) }) && this.phrase(spaced).size
        groups.splice(i, 2, { word: joined, terms: terms, phrase: both ? spaced : null, last: groups[i + 1].last })
      }
    }
    return groups
  }

  /* "loadbalancer": two words of the index written as one, where the index
     holds them one after the other; null when it holds no such pair. */
  Engine.prototype.split = function (word) {
    if (word.length < 6) return null
    var key = "split " + word
    if (this.memo.has(key)) return this.memo.get(key)
    for (var i = 3; i <= word.length - 3; i++) {
      var pair = [word.slice(0, i), stem(word.slice(i))]
      if (this.postings.has(pair[0]) && this.postings.has(pair[1]) && this.phrase(pair).size)
        return this.remember(key, pair)
    }
    return this.remember(key, null)
  }

  /* Docs whose fields hold the terms one after another: doc id → {field: count}. */
  Engine.prototype.phrase = function (terms) {
    var key = "phrase " + terms.join(" ")
    if (this.memo.has(key)) return this.memo.get(key)
    var self = this, found = new Map()
    ;(this.postings.get(terms[0]) || []).forEach(function (posting) {
      var doc = self.docs[posting[0]], field = posting[1], at = doc.at[field]
      var count = 0
      at.get(terms[0]).forEach(function (p) {
        for (var i = 1; i < terms.length; i++) {
          var there = at.get(terms[i])
          if (!there || there.indexOf(p + i) < 0) return
        }
        count++
      })
      if (count) {
        var fields = found.get(doc.id) || {}
        fields[field] = count
        found.set(doc.id, fields)
      }
    })
    return this.remember(key, found)
  }

  /* Keep what a word or phrase stands for: typing repeats it on every key. */
  Engine.prototype.remember = function (key, value) {
    if (this.memo.size > 2000) this.memo.clear()
    this.memo.set(key, value)
    return value
  }

  /* Does the query, as a whole, name a page? Its location, or nothing. */
  Engine.prototype.named = function (groups) {
    var compact = groups.map(function (g) { return g.word }).join("")
    if (compact.length < 2) return null
    var best = null
    for (var i = 0; i < this.names.length; i++) {
      var name = this.names[i][0]
      if (name === compact || name === stem(compact)) return this.names[i][1]
      if (!best && compact.length >= 5 && within(compact, name, mistakes(compact) > 1 ? 2 : 1))
        best = this.names[i][1]
    }
    return best
  }

  /* Pages that some run of the query's words names exactly ("max sqs message
     size" names SQS): the query is about them. */
  Engine.prototype.subjects = function (groups) {
    var pages = new Set()
    for (var i = 0; i < groups.length; i++) {
      var compact = ""
      for (var j = i; j < groups.length && j < i + 4; j++) {
        compact += groups[j].word
        var named = this.named_by.get(compact) || this.named_by.get(stem(compact))
        if (named) named.forEach(function (page) { pages.add(page) })
      }
    }
    return pages
  }

  /* Smallest span of positions in `tokens` that holds one term of each
     group in `wanted` (indexes into groups); Infinity when none does. */
  function span(at, groups, wanted) {
    var hits = []
    wanted.forEach(function (g, w) {
      var add = function (term) {
        var positions = at.get(term)
        if (positions) positions.forEach(function (p) { hits.push([p, w]) })
      }
      groups[g].terms.forEach(function (_, term) { add(term) })
      if (groups[g].phrase) add(groups[g].phrase[0])
    })
    if (!hits.length) return Infinity
    hits.sort(function (a, b) { return a[0] - b[0] })
    var counts = new Array(wanted.length).fill(0), have = 0, best = Infinity, lo = 0
    for (var hi = 0; hi < hits.length; hi++) {
      if (counts[hits[hi][1]]++ === 0) have++
      while (have === wanted.length) {
        best = Math.min(best, hits[hi][0] - hits[lo][0] + 1)
        if (--counts[hits[lo][1]] === 0) have--
        lo++
      }
    }
    return best
  }

  Engine.prototype.search = function (query) {
    var groups = this.parse(query)
    if (!groups.length) return { items: [] }
    var self = this
    /* each doc: per group, its best weighted BM25 score */
    var scores = new Map()
    var add = function (g, id, field, tf, weight, idf, terms) {
      var doc = self.docs[id]
      var norm = 1 - B + B * doc.length[field] / self.average[field]
      var value = weight * FIELDS[field] * idf * tf * (K1 + 1) / (tf + K1 * norm)
      var entry = scores.get(id)
      if (!entry) scores.set(id, entry = { groups: new Array(groups.length).fill(0), matched: {} })
      entry.groups[g] += value
      if (!entry.matched[g] || entry.matched[g][1] < weight) entry.matched[g] = [terms, weight]
    }
    groups.forEach(function (group, g) {
      group.terms.forEach(function (weight, term) {
        var idf = self.idf(term)
        ;(self.postings.get(term) || []).forEach(function (posting) {
          add(g, posting[0], posting[1], posting[2], weight, idf, [term])
        })
      })
      /* SSE-C written "SSE C", egress-only written "egress only" */
      if (group.phrase) {
        var idf = Math.max.apply(null, group.phrase.map(function (t) { return self.idf(t) }))
        self.phrase(group.phrase).forEach(function (fields, id) {
          for (var field in fields) add(g, id, field, fields[field], 1, idf, group.phrase)
        })
      }
    })
    var named = this.named(groups)
    var subjects = groups.length > 1 ? this.subjects(groups) : new Set()
    var results = []
    /* the page the query names comes first even if its doc lacks the words */
    if (named && !scores.has(this.pages.get(named).id))
      scores.set(this.pages.get(named).id, { groups: new Array(groups.length).fill(0), matched: {} })
    scores.forEach(function (entry, id) {
      var doc = self.docs[id]
      var wanted = [], score = 0
      entry.groups.forEach(function (value, g) { if (value > 0) { wanted.push(g); score += value } })
      var closeness = 1, width = Infinity
      if (wanted.length > 1) {
        width = Math.min(
          span(doc.at.title, groups, wanted),
          span(doc.at.text, groups, wanted),
          span(doc.at.names, groups, wanted)
        )
        /* the exact phrase triples the score, words a few apart still help */
        if (width < Infinity) closeness = 1 + 2 * wanted.length / width
      }
      var rank = wanted.length
      /* all the words as a phrase (a stop word between them allowed) first */
      if (wanted.length === groups.length && wanted.length > 1 && width <= wanted.length + 1)
        rank += 0.5
      if (subjects.has(doc.page)) rank += 1
      /* a page boosted below 1 (the home page's list of every page) comes
         after the pages that match as well as it does */
      if (doc.boost < 1) rank -= 0.5
      if (named && doc.page === named) rank += groups.length + 1
      results.push({ doc: doc, entry: entry, rank: rank, score: score * closeness * doc.boost })
    })
    results.sort(function (a, b) { return b.rank - a.rank || b.score - a.score })

    /* group by page, in the order of each page's best doc */
    var byPage = new Map()
    results.forEach(function (result) {
      var list = byPage.get(result.doc.page)
      if (!list) {
        if (byPage.size >= MAX_GROUPS) return
        byPage.set(result.doc.page, list = [])
      }
      list.push(result)
    })
    var items = []
    byPage.forEach(function (list, page) {
      items.push(self.render(list, groups, page))
    })
    var suggest = this.suggest(groups)
    return suggest ? { items: items, suggest: suggest } : { items: items }
  }

  /* One page's results as Material renders them: its best section first,
     with the page's own doc among them, each with the section's heading path. */
  Engine.prototype.render = function (list, groups, page) {
    var self = this
    var top = list[0].rank * 1e6 + list[0].score, open = 0
    var items = list.map(function (result, i) {
      var doc = result.doc
      var matched = new Set(), terms = {}
      groups.forEach(function (group, g) {
        var hit = result.entry.matched[g]
        if (hit) hit[0].forEach(function (term) { matched.add(term) })
        /* the words as the doc writes them, which Material highlights on
           the page the result opens ("SSE-KMS", not the index's "ssekm") */
        var ranges = hit && doc.ranges[hit[0][0]]
        var shown = !hit ? group.word
          : ranges ? doc.text.slice(ranges[0][0], ranges[0][1])
          : doc.written[hit[0][0]] || hit[0].join(" ")
        terms[shown.toLowerCase()] = Boolean(hit)
      })
      var title = doc.parent ? doc.path.concat([doc.title]).join(" \u203a ") : doc.title
      return {
        location: doc.location,
        title: mark(title, matched),
        text: snippet(doc.text, [].concat.apply([], Array.from(matched, function (term) {
          return doc.ranges[term] || []
        }))),
        /* Material shows open the sections that score as high as the first:
           up to three that match as many words as the best doc does */
        score: i === 0 || (result.rank === list[0].rank && open++ < OPEN_SECTIONS)
          ? top : result.rank * 1e6 + result.score,
        terms: terms
      }
    })
    if (!list.some(function (result) { return !result.doc.parent })) {
      var doc = self.pages.get(page)
      items.push({ location: doc.location, title: escapeHTML(doc.title), text: "", score: 0, terms: {} })
    }
    return items
  }

  /* The last word completed to the commonest term it starts. */
  Engine.prototype.suggest = function (groups) {
    var last = groups[groups.length - 1]
    if (!last || !last.last || last.word.length < 2) return null
    var best = null, most = 0, self = this
    this.prefixed(last.word).forEach(function (term) {
      var n = self.documentFrequency.get(term) || 0
      if (term !== last.word && self.words.has(term) && /^\p{L}+$/u.test(term) && n > most) {
        best = term
        most = n
      }
    })
    return best ? [best] : []
  }

  /* -- the worker --------------------------------------------------------------- */

  var engine = null

  function handle(message) {
    if (!message || typeof message !== "object") return null
    if (message.type === SETUP) {
      engine = new Engine(message.data)
      return { type: READY }
    }
    if (message.type === QUERY) {
      try {
        return { type: RESULT, data: engine ? engine.search(String(message.data)) : { items: [] } }
      } catch (error) {
        console.warn("Search failed for " + JSON.stringify(message.data), error)
        return { type: RESULT, data: { items: [] } }
      }
    }
    return null
  }

  self.NotesSearch = { Engine: Engine, tokenize: tokenize, handle: handle }

  addEventListener("message", function (event) {
    var reply = handle(event.data)
    if (reply) postMessage(reply)
  })
})()
