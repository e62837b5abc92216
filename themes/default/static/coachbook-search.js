/* coachbook default theme: full-text search from the box in the top bar.

   The index is written by `coachbook build` under search/ as script files,
   because a page opened from file:// may load scripts but not fetch files.
   Each file calls window.coachbookSearch.add(name, data):
     index.js       words (sorted, folded), their stem ids (as gaps), each stem's document
                    frequency, stop words, and the shard files by range;
     p<n>.js        postings of a range of stems: [doc gap, score, ...];
     d<n>.js        documents of a range of ids: [title, url, kind, section, text].
   index.js lists each shard as [first id, file, hash of its contents]; the
   hash goes in the shard's URL so no cache mixes two builds.
   index.js is loaded when the box is first focused, and shards as queries
   need them, so no page downloads the index before a reader searches.

   Words are split and folded as the generator does (src/search/text.rs):
   runs of letters and digits, an apostrophe allowed between them, NFD
   without combining marks, lowercase. Chinese, Japanese and Korean
   characters stay as written, and a run of them is looked up as its
   overlapping pairs (one character alone as itself), which the index holds
   for every run, so a word is found inside a longer run. The index maps words to stems, so
   this script needs no stemmer. Every word of a query must match; the last
   one also matches as a prefix while it is being typed.

   The box is a plain search field (role searchbox) whose results are a
   list of links, announced by a live status line: links open in a new tab
   as readers expect, and screen readers read each one when it has focus.
   Enter in the box opens the first result; ArrowDown moves into the list,
   where the arrows, Home and End move between results and Escape goes back
   to the box (a second Escape clears it). "/" anywhere else on the page
   focuses the box. The panel says how many results there are; when there
   are more than the best ten, a button below them shows them all. No dependencies. */
(function () {
  "use strict";

  var RESULTS_SHOWN = 10;
  /* A prefix can stand for many words; the most frequent stems are kept. */
  var MAX_EXPANSIONS = 40;
  /* A word completed from a prefix counts a little less than the word typed. */
  var PREFIX_FACTOR = 0.7;
  var SNIPPET_BEFORE = 60;
  var SNIPPET_LENGTH = 200;
  var MAX_WORD_LENGTH = 40;
  var WORD = /[\p{Alphabetic}\p{N}]+(?:'[\p{Alphabetic}\p{N}]+)*/gu;
  /* The characters of is_cjk in src/search/text.rs: Han, kana, Hangul. */
  var CJK_CHARS = "\u1100-\u11FF\u3005-\u3007\u3040-\u30FF\u3130-\u318F\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF66-\uFF9F\u{20000}-\u{3134F}";
  var CJK = new RegExp("[" + CJK_CHARS + "]", "u");
  var CJK_RUN = new RegExp("[" + CJK_CHARS + "]+|[^" + CJK_CHARS + "]+", "gu");
  /* Words of original (unfolded) text, keeping accents inside the word. */
  var TEXT_WORD = /[\p{Alphabetic}\p{N}\p{M}]+(?:['\u2019][\p{Alphabetic}\p{N}\p{M}]+)*/gu;
  var KIND_LABELS = {
    home: "Home",
    section: "Section",
    guide: "Guide",
    questions: "Question bank",
    question: "Question",
    scenario: "Scenario",
    gathered: "Across the handbook",
    session: "Session plan"
  };

  /* The page's words when they are not English: the box's data-words
     (written by the build from the language's table), else these. */
  var WORDS = {};
  function word(key, english, values) {
    var text = WORDS[key] || english;
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(values[name]);
    });
    return text;
  }
  function kindLabel(kind) {
    var label = WORDS["kind_" + kind];
    return label ? label.charAt(0).toUpperCase() + label.slice(1) : KIND_LABELS[kind] || kind;
  }

  /* ---------- Loading the index's scripts ---------- */

  var loaded = {};
  var loading = {};
  var base = "search/";

  function add(name, data) {
    loaded[name] = data;
  }

  /* Resolves to the data of search/<file>, registered under its name;
     `version` (a content hash) makes a changed file a new URL. */
  function load(file, version) {
    var name = file.replace(/\.js$/, "");
    if (loaded[name]) return Promise.resolve(loaded[name]);
    if (!loading[name]) {
      loading[name] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = base + file + (version ? "?v=" + version : "");
        script.async = true;
        script.onload = function () {
          if (loaded[name]) resolve(loaded[name]);
          else reject(new Error(file + " did not register"));
        };
        script.onerror = function () {
          delete loading[name];
          reject(new Error("cannot load " + file));
        };
        document.head.appendChild(script);
      });
    }
    return loading[name];
  }

  var head = null;
  var headPromise = null;

  /* The index file, with the words split into a list and lookups prepared. */
  function loadHead() {
    if (!headPromise) {
      headPromise = load("index.js").then(function (data) {
        if (data.version !== 2) throw new Error("search index format " + data.version);
        head = {
          documents: data.documents,
          stopWords: new Set(data.stop_words),
          words: data.words ? data.words.split("\n") : [],
          wordStems: undoGaps(data.word_stems),
          df: data.document_frequencies,
          postingShards: data.posting_shards,
          documentShards: data.document_shards
        };
        return head;
      });
      headPromise.catch(function () {
        headPromise = null;
      });
    }
    return headPromise;
  }

  /* The stem ids of the words, written as differences from the previous one. */
  function undoGaps(gaps) {
    var id = 0;
    return gaps.map(function (gap) {
      id += gap;
      return id;
    });
  }

  /* The file of the shard whose range holds `id`. */
  function shardFor(shards, id) {
    var lo = 0;
    var hi = shards.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (shards[mid][0] <= id) lo = mid;
      else hi = mid - 1;
    }
    return shards[lo];
  }

  /* Item `id` of the shards: a stem's postings or a document. */
  function item(shards, id) {
    var shard = shardFor(shards, id);
    return load(shard[1], shard[2]).then(function (data) {
      return data[1][id - data[0]];
    });
  }

  /* ---------- Words ---------- */

  function fold(text) {
    return (text.match(CJK_RUN) || [])
      .map(function (part) {
        if (CJK.test(part)) return part;
        return part.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\u2019/g, "'");
      })
      .join("");
  }

  /* A query word as the index holds it: CJK characters as overlapping
     pairs (one alone as itself), everything else whole. */
  function pieces(word) {
    var found = [];
    (word.match(CJK_RUN) || []).forEach(function (part) {
      if (!CJK.test(part)) return found.push(part);
      var chars = Array.from(part);
      if (chars.length === 1) return found.push(part);
      for (var i = 0; i + 1 < chars.length; i++) found.push(chars[i] + chars[i + 1]);
    });
    return found;
  }

  function wordsOf(folded) {
    var found = [];
    (folded.match(WORD) || []).forEach(function (word) {
      if (Array.from(word).length <= MAX_WORD_LENGTH || CJK.test(word)) {
        found.push.apply(found, pieces(word));
      }
    });
    return found;
  }

  /* The index of the first word not less than `word`. */
  function lowerBound(words, word) {
    var lo = 0;
    var hi = words.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (words[mid] < word) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function stemOf(word) {
    var i = lowerBound(head.words, word);
    return head.words[i] === word ? head.wordStems[i] : -1;
  }

  /* Stems of the words that start with `prefix`, most frequent first. */
  function prefixStems(prefix) {
    var stems = new Set();
    for (var i = lowerBound(head.words, prefix); i < head.words.length; i++) {
      if (head.words[i].lastIndexOf(prefix, 0) !== 0) break;
      stems.add(head.wordStems[i]);
    }
    return Array.from(stems)
      .sort(function (a, b) {
        return head.df[b] - head.df[a];
      })
      .slice(0, MAX_EXPANSIONS);
  }

  /* Endings to try on a word the handbook does not hold ("listens" when
     only "listening" is there): a crude stand-in for the stemmer. */
  var ENDINGS = ["'s", "ies", "es", "s", "ed", "ing", "ly", "er"];

  /* The stems a query word stands for: [{ stem, factor }], empty when none. */
  function expand(word, prefix) {
    var found = [];
    var exact = stemOf(word);
    if (exact >= 0) found.push({ stem: exact, factor: 1 });
    if (prefix) {
      prefixStems(word).forEach(function (stem) {
        if (stem !== exact) found.push({ stem: stem, factor: PREFIX_FACTOR });
      });
    }
    if (found.length) return found;
    for (var i = 0; i < ENDINGS.length; i++) {
      var ending = ENDINGS[i];
      var root = word.slice(0, -ending.length);
      if (word.length - ending.length >= 3 && word.slice(-ending.length) === ending) {
        var stem = stemOf(root);
        if (stem >= 0) return [{ stem: stem, factor: PREFIX_FACTOR }];
        var stems = prefixStems(root);
        if (stems.length) {
          return stems.map(function (s) {
            return { stem: s, factor: PREFIX_FACTOR * PREFIX_FACTOR };
          });
        }
      }
    }
    return found;
  }

  /* The query's terms: [{ word, candidates }]. Stop words are dropped, and
     the last word matches as a prefix unless the query ends after it. */
  function parse(query) {
    var folded = fold(query);
    var words = wordsOf(folded);
    var open = words.length > 0 && /[\p{Alphabetic}\p{N}]$/u.test(folded);
    var terms = [];
    words.forEach(function (word, i) {
      var prefix = open && i === words.length - 1;
      var stop = head.stopWords.has(word);
      if (stop && !prefix) return;
      var candidates = expand(word, prefix);
      if (stop && !candidates.length) return;
      terms.push({ word: word, candidates: candidates });
    });
    return terms;
  }

  /* ---------- Ranking ---------- */

  /* Every match of the query, best first: { total, ranked: [[doc, score]], stems }. */
  function search(query) {
    return loadHead().then(function () {
      var terms = parse(query);
      var empty = { total: 0, ranked: [], stems: new Set(), terms: terms };
      if (!terms.length || terms.some(function (t) { return !t.candidates.length; })) return empty;
      var needed = [];
      terms.forEach(function (term) {
        term.candidates.forEach(function (c) {
          needed.push(item(head.postingShards, c.stem).then(function (list) {
            c.postings = list;
          }));
        });
      });
      return Promise.all(needed).then(function () {
        return rank(terms);
      });
    });
  }

  function rank(terms) {
    var n = head.documents;
    var scores = terms.map(function (term) {
      var best = new Map();
      term.candidates.forEach(function (c) {
        var weight = Math.log(1 + n / head.df[c.stem]) * c.factor;
        var list = c.postings;
        var doc = 0;
        for (var i = 0; i < list.length; i += 2) {
          doc += list[i];
          var value = list[i + 1] * weight;
          var previous = best.get(doc);
          if (previous === undefined || value > previous) best.set(doc, value);
        }
      });
      return best;
    });
    // Every term must match: walk the smallest set, look the others up.
    scores.sort(function (a, b) {
      return a.size - b.size;
    });
    var ranked = [];
    scores[0].forEach(function (value, doc) {
      var total = value;
      for (var i = 1; i < scores.length; i++) {
        var other = scores[i].get(doc);
        if (other === undefined) return;
        total += other;
      }
      ranked.push([doc, total]);
    });
    ranked.sort(function (a, b) {
      return b[1] - a[1] || a[0] - b[0];
    });
    var stems = new Map();
    terms.forEach(function (term, t) {
      term.candidates.forEach(function (c) {
        stems.set(c.stem, t);
      });
    });
    return { total: ranked.length, ranked: ranked, stems: stems, terms: terms };
  }

  /* The documents of the first `limit` results: [{ id, score, title, url, kind, section, text }]. */
  function documents(found, limit) {
    var top = found.ranked.slice(0, limit);
    return Promise.all(
      top.map(function (hit) {
        return item(head.documentShards, hit[0]).then(function (doc) {
          return { id: hit[0], score: hit[1], title: doc[0], url: doc[1], kind: doc[2], section: doc[3], text: doc[4] };
        });
      })
    );
  }

  /* ---------- Snippets ---------- */

  /* The words of `text` that match the query: [{ start, end, term }]. */
  function matchesIn(text, stems) {
    var found = [];
    var match;
    TEXT_WORD.lastIndex = 0;
    while ((match = TEXT_WORD.exec(text)) && found.length < 500) {
      var stem = stemOf(fold(match[0]));
      if (stem >= 0 && stems.has(stem)) {
        found.push({ start: match.index, end: match.index + match[0].length, term: stems.get(stem) });
      }
    }
    return found;
  }

  /* Appends `text` to `parent` with the matches in [from, to) marked. */
  function appendMarked(parent, text, matches, from, to) {
    var at = from;
    matches.forEach(function (m) {
      if (m.start < from || m.end > to) return;
      if (m.start > at) parent.appendChild(document.createTextNode(text.slice(at, m.start)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(m.start, m.end);
      parent.appendChild(mark);
      at = m.end;
    });
    if (at < to) parent.appendChild(document.createTextNode(text.slice(at, to)));
  }

  /* The stretch of `text` holding the most different query words. */
  function snippetRange(text, matches) {
    if (!matches.length) return [0, Math.min(text.length, SNIPPET_LENGTH)];
    var best = 0;
    var bestCount = 0;
    for (var i = 0; i < matches.length; i++) {
      var seen = new Set();
      for (var j = i; j < matches.length && matches[j].end <= matches[i].start + SNIPPET_LENGTH - SNIPPET_BEFORE; j++) {
        seen.add(matches[j].term);
      }
      if (seen.size > bestCount) {
        best = i;
        bestCount = seen.size;
      }
    }
    var start = Math.max(0, matches[best].start - SNIPPET_BEFORE);
    // Start and end at word boundaries.
    if (start > 0) {
      var space = text.indexOf(" ", start);
      start = space >= 0 && space < matches[best].start ? space + 1 : start;
    }
    var end = Math.min(text.length, start + SNIPPET_LENGTH);
    if (end < text.length) {
      var last = text.lastIndexOf(" ", end);
      if (last > matches[best].end) end = last;
    }
    return [start, end];
  }

  function snippet(text, stems) {
    var span = document.createElement("span");
    span.className = "search-result-snippet";
    var matches = matchesIn(text, stems);
    var range = snippetRange(text, matches);
    if (range[0] > 0) span.appendChild(document.createTextNode("…"));
    appendMarked(span, text, matches, range[0], range[1]);
    if (range[1] < text.length) span.appendChild(document.createTextNode("…"));
    return span;
  }

  /* ---------- The search box ---------- */

  function init() {
    var box = document.querySelector("[data-search-base]");
    if (!box) return;
    if (box.dataset.words) WORDS = JSON.parse(box.dataset.words);
    var input = box.querySelector("input[type=search]");
    var panel = box.querySelector(".search-panel");
    var list = box.querySelector(".search-results");
    var message = box.querySelector(".search-message");
    var status = box.querySelector("[role=status]");
    var more = box.querySelector(".search-more");
    if (!input || !panel || !list || !message || !status) return;
    base = box.getAttribute("data-search-base");
    var root = box.getAttribute("data-root") || "";
    var portable = box.hasAttribute("data-portable");
    var generation = 0;
    box.hidden = false;

    /* The href of a site URL from this page. */
    function href(url) {
      var hash = "";
      var at = url.indexOf("#");
      if (at >= 0) {
        hash = url.slice(at);
        url = url.slice(0, at);
      }
      if (portable) url += "index.html";
      return (root + url || "./") + hash;
    }

    function links() {
      return list.querySelectorAll("a");
    }

    function say(text, visible) {
      status.textContent = text;
      message.textContent = visible || "";
      message.hidden = !visible;
    }

    function result(doc, stems) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.className = "search-result";
      a.href = href(doc.url);
      var top = document.createElement("span");
      top.className = "search-result-head";
      var kind = document.createElement("span");
      kind.className = "search-kind search-kind-" + doc.kind;
      kind.textContent = kindLabel(doc.kind);
      var title = document.createElement("span");
      title.className = "search-result-title";
      appendMarked(title, doc.title, matchesIn(doc.title, stems), 0, doc.title.length);
      top.appendChild(kind);
      top.appendChild(document.createTextNode(" "));
      top.appendChild(title);
      a.appendChild(top);
      if (doc.section) {
        var section = document.createElement("span");
        section.className = "search-result-section";
        section.textContent = doc.section;
        a.appendChild(document.createTextNode(" "));
        a.appendChild(section);
      }
      if (doc.text) {
        a.appendChild(document.createTextNode(" "));
        a.appendChild(snippet(doc.text, stems));
      }
      li.appendChild(a);
      return li;
    }

    function show(query, found, docs) {
      list.textContent = "";
      // Which query the list shows, for tests waiting on a particular one.
      list.setAttribute("data-query", query);
      docs.forEach(function (doc) {
        list.appendChild(result(doc, found.stems));
      });
      list.hidden = !docs.length;
      panel.hidden = false;
      if (!docs.length) {
        say(
          word("script_no_results", "No results for {query}", { query: query }),
          word("script_no_results", "No results for {query}", { query: "“" + query + "”" })
        );
        return;
      }
      var count = found.total === 1
        ? word("script_result", "1 result")
        : word("script_results", "{count} results", { count: found.total });
      var cut = found.total > docs.length;
      var best = cut ? word("script_best_shown", ", the best {count} shown", { count: docs.length }) : "";
      say(
        count + best + ". " + word("script_hint", "Press the down arrow to go through them."),
        count + best
      );
      /* The rest are one press away. */
      if (more) {
        more.hidden = !cut;
        more.textContent = word("script_show_all", "Show all {count}", { count: count });
        more.onclick = function () {
          var mine = generation;
          documents(found, found.total).then(function (all) {
            if (mine !== generation) return;
            show(query, found, all);
            /* Hiding the pressed button took the focus out of the panel and
               closed it: open it again on the first result not shown before. */
            panel.hidden = false;
            focusResult(docs.length);
          });
        };
      }
    }

    function clear() {
      list.textContent = "";
      list.removeAttribute("data-query");
      say("");
      if (more) more.hidden = true;
      panel.hidden = true;
    }

    function run() {
      var query = input.value.trim();
      var mine = ++generation;
      if (!query) {
        clear();
        return;
      }
      // A single letter would match half the handbook as a prefix; a
      // single Chinese character or kana is a word of its own.
      if (Array.from(query).length < 2 && !CJK.test(query)) return;
      if (!head) say(word("script_loading", "Loading the search index…"), word("script_loading", "Loading the search index…"));
      search(query)
        .then(function (found) {
          return documents(found, RESULTS_SHOWN).then(function (docs) {
            if (mine === generation) show(query, found, docs);
          });
        })
        .catch(function () {
          if (mine !== generation) return;
          list.textContent = "";
          list.hidden = true;
          if (more) more.hidden = true;
          panel.hidden = false;
          var problem = word("script_unavailable", "Search is not available: its index could not be loaded.");
          say(problem, problem);
        });
    }

    /* Moves the focus to result `index`, or back to the box when out of range. */
    function focusResult(index) {
      var all = links();
      if (index >= 0 && index < all.length) all[index].focus();
      else input.focus();
    }

    input.addEventListener("focus", function () {
      loadHead().catch(function () {});
      if (input.value.trim() && list.getAttribute("data-query")) panel.hidden = false;
    });
    input.addEventListener("input", run);
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "Down") {
        if (!links().length) return;
        event.preventDefault();
        panel.hidden = false;
        focusResult(0);
      } else if (event.key === "Enter") {
        event.preventDefault();
        var first = links()[0];
        if (first) {
          panel.hidden = true;
          window.location.href = first.href;
        }
      } else if (event.key === "Escape" || event.key === "Esc") {
        if (!panel.hidden) {
          event.preventDefault();
          panel.hidden = true;
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
          run();
        }
      }
    });

    list.addEventListener("keydown", function (event) {
      var all = Array.prototype.slice.call(links());
      var at = all.indexOf(document.activeElement);
      if (at < 0) return;
      if (event.key === "ArrowDown" || event.key === "Down") {
        event.preventDefault();
        focusResult(at + 1 < all.length ? at + 1 : 0);
      } else if (event.key === "ArrowUp" || event.key === "Up") {
        event.preventDefault();
        focusResult(at - 1);
      } else if (event.key === "Home") {
        event.preventDefault();
        focusResult(0);
      } else if (event.key === "End") {
        event.preventDefault();
        focusResult(all.length - 1);
      } else if (event.key === "Escape" || event.key === "Esc") {
        event.preventDefault();
        input.focus();
        panel.hidden = true;
      }
    });

    // The results close when the focus leaves the search (Tab, a click elsewhere).
    box.addEventListener("focusout", function (event) {
      if (!box.contains(event.relatedTarget)) panel.hidden = true;
    });

    document.addEventListener("keydown", function (event) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      var target = event.target;
      var tag = target && target.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable)) return;
      event.preventDefault();
      input.focus();
      input.select();
    });
  }

  /* For the browser tests and the benchmark: the ranked results of `query`. */
  function query(text, limit) {
    return search(text).then(function (found) {
      return documents(found, limit || RESULTS_SHOWN).then(function (docs) {
        return { total: found.total, results: docs };
      });
    });
  }

  window.coachbookSearch = { add: add, query: query };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
