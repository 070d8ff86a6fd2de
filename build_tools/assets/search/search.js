/* Dealer site search: a small, dependency-free client for the static index written by
 * build_tools/search/index.py. It mirrors build_tools/search/query.py (the reference
 * implementation the unit tests run): same normalization, same query groups, same
 * scoring. Nothing is fetched until the customer focuses or types in the search box,
 * and only from this site. */
(function () {
  "use strict";

  var form = document.querySelector("form[data-dealer-search]");
  if (!form) return;
  var input = form.querySelector("input");
  var toggle = document.getElementById("__search");
  var meta = form.parentNode.parentNode.querySelector(".md-search-result__meta");
  var list = form.parentNode.parentNode.querySelector(".md-search-result__list");
  // data-base is "." (or "../..") on pages and "/dealer-site/" on 404.html: one slash after it either way.
  var root = new URL((form.getAttribute("data-base") || ".").replace(/\/+$/, "") + "/", document.baseURI);
  var indexUrl = new URL(form.getAttribute("data-index"), root);
  var text = {
    start: "输入关键词开始搜索",
    loading: "正在搜索…",
    none: "没有找到相关结果",
    some: "找到 # 个相关结果",
    failed: "搜索暂时不可用，请稍后再试"
  };

  var CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  var RUN = new RegExp("[" + CJK + "]+|[a-z0-9]+", "g");
  var LATIN = /[a-z0-9]/;
  var INVISIBLE = /\p{Cf}/u;
  var PREFIX_MIN = 2, MAX_RESULTS = 10, SNIPPET = 70;

  var cache = new Map();
  function load(name) {
    if (!cache.has(name)) {
      var promise = fetch(new URL(name, indexUrl)).then(function (r) {
        if (!r.ok) throw new Error(name + ": " + r.status);
        return r.json();
      });
      promise.catch(function () { cache.delete(name); });
      cache.set(name, promise);
    }
    return cache.get(name);
  }

  var state = null; // {meta, t2s: Map, concepts: Map, stop: Set, particles: string}
  function ready() {
    return load("meta.json").then(function (m) {
      if (!state) {
        var t2s = new Map(), chars = Array.from(m.t2s);
        for (var i = 0; i + 1 < chars.length; i += 2) t2s.set(chars[i], chars[i + 1]);
        state = { meta: m, t2s: t2s, concepts: new Map(Object.entries(m.concepts)), stop: new Set(m.stop), particles: m.particles };
      }
      return state;
    });
  }

  // --- normalize.py --------------------------------------------------------------
  function normalizeChar(c) {
    if (INVISIBLE.test(c)) return "";
    var folded = c.normalize("NFKC").toLowerCase(), out = "";
    for (var ch of folded) out += state.t2s.get(ch) || ch;
    return out;
  }
  function normalizeWithMap(s) {
    var out = "", origin = [], i = 0;
    for (var c of s) {
      var folded = normalizeChar(c);
      for (var k = 0; k < folded.length; k++) origin.push(i);
      out += folded;
      i += c.length;
    }
    return [out, origin];
  }

  // --- segment.py ----------------------------------------------------------------
  function latinEdge(s, start, end, word) {
    var before = start > 0 && LATIN.test(s[start - 1]) && LATIN.test(word[0]);
    var after = end < s.length && LATIN.test(s[end]) && LATIN.test(word[word.length - 1]);
    return before || after;
  }
  function vocabularyMatches(s) {
    var found = [];
    state.concepts.forEach(function (_, word) {
      for (var start = s.indexOf(word); start !== -1; start = s.indexOf(word, start + 1)) {
        var end = start + word.length;
        if (!latinEdge(s, start, end, word)) found.push([start, end, word]);
      }
    });
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0); });
    return found;
  }
  function variants(concept) {
    var words = [];
    state.concepts.forEach(function (c, word) { if (c === concept) words.push(word); });
    return words;
  }
  function queryGroups(q) {
    var groups = [], stop = [], runs = Array.from(q.matchAll(RUN));
    runs.forEach(function (run, n) {
      var token = run[0];
      if (LATIN.test(token[0])) {
        var last = n === runs.length - 1 && run.index + token.length === q.length;
        var terms = last && token.length >= PREFIX_MIN && !/^[0-9]+$/.test(token) ? [token, token + "*"] : [token];
        groups.push({ terms: terms, surfaces: [token] });
      } else if (token.length === 1) {
        (state.particles.indexOf(token) >= 0 ? stop : groups).push({ terms: [token], surfaces: [token] });
      } else {
        for (var i = 0; i < token.length - 1; i++) {
          var bigram = token.slice(i, i + 2);
          var weak = state.stop.has(bigram) || state.particles.indexOf(bigram[0]) >= 0 || state.particles.indexOf(bigram[1]) >= 0;
          (weak ? stop : groups).push({ terms: [bigram], surfaces: [bigram] });
        }
      }
    });
    vocabularyMatches(q).forEach(function (m) {
      var concept = state.concepts.get(m[2]);
      groups.push({ terms: ["=" + concept], surfaces: variants(concept) });
    });
    var seen = new Set(), unique = [];
    (groups.length ? groups : stop).forEach(function (g) {
      var key = g.terms.join("\u0000");
      if (!seen.has(key)) { seen.add(key); unique.push(g); }
    });
    return unique;
  }

  // --- index.py / query.py -------------------------------------------------------
  var encoder = new TextEncoder();
  function fnv1a(s) {
    var h = 0x811c9dc5;
    for (var b of encoder.encode(s)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
    return h;
  }
  // Its first two characters without the = and * marks: 保养 and =保养 share a shard.
  function shardKey(term) { return term.replace(/^=+/, "").replace(/\*+$/, "").slice(0, 2); }
  function idf(df, docs) { return Math.log(1 + (docs - df + 0.5) / (df + 0.5)); }
  // The flat [doc-gap, impact, …] list of a term, as stored.
  function postings(term) {
    return load("t/" + (fnv1a(shardKey(term)) % state.meta.shards) + ".json").then(function (shard) {
      return shard[term] || [];
    });
  }
  function search(query) {
    var m = state.meta, groups = queryGroups(normalizeWithMap(query)[0]);
    return Promise.all(groups.map(function (g) { return Promise.all(g.terms.map(postings)); })).then(function (all) {
      // Typed arrays indexed by document: thousands of postings add up in a few ms.
      var scores = new Float64Array(m.docs), covered = new Float64Array(m.docs), touched = [], total = 0;
      all.forEach(function (lists) {
        var best = lists.length > 1 ? new Map() : null, weight = 0;
        lists.forEach(function (flat) {
          if (flat.length) weight = Math.max(weight, idf(flat.length / 2, m.docs));
        });
        total += weight;
        lists.forEach(function (flat) {
          for (var i = 0, number = 0; i < flat.length; i += 2) {
            number += flat[i];
            if (best) { best.set(number, Math.max(best.get(number) || 0, flat[i + 1])); continue; }
            if (!covered[number] && !scores[number]) touched.push(number);
            scores[number] += flat[i + 1];
            covered[number] += weight;
          }
        });
        if (best) best.forEach(function (impact, number) {
          if (!covered[number] && !scores[number]) touched.push(number);
          scores[number] += impact;
          covered[number] += weight;
        });
      });
      var ranked = touched.map(function (number) {
        return [scores[number] * Math.pow(covered[number] / total, 2), number];
      });
      ranked.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
      var surfaces = [];
      groups.forEach(function (g) { surfaces.push.apply(surfaces, g.surfaces); });
      return { count: ranked.length, surfaces: surfaces, top: ranked.slice(0, MAX_RESULTS) };
    });
  }

  // --- rendering -----------------------------------------------------------------
  function spans(s, surfaces) {
    var norm = normalizeWithMap(s), n = norm[0], origin = norm[1], found = [];
    new Set(surfaces).forEach(function (w) {
      if (!w) return;
      for (var i = n.indexOf(w); i !== -1; i = n.indexOf(w, i + 1)) found.push([origin[i], origin[i + w.length - 1] + 1]);
    });
    found.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    found.forEach(function (sp) {
      var last = merged[merged.length - 1];
      if (last && sp[0] <= last[1]) last[1] = Math.max(last[1], sp[1]); else merged.push([sp[0], sp[1]]);
    });
    return merged;
  }
  // Text nodes and <mark> elements only: the page text can never become markup.
  function highlighted(el, s, marks, from, to) {
    var at = from;
    marks.forEach(function (sp) {
      var a = Math.max(sp[0], from), b = Math.min(sp[1], to);
      if (a >= b) return;
      if (a > at) el.appendChild(document.createTextNode(s.slice(at, a)));
      var mark = document.createElement("mark");
      mark.textContent = s.slice(a, b);
      el.appendChild(mark);
      at = b;
    });
    if (at < to) el.appendChild(document.createTextNode(s.slice(at, to)));
  }
  function snippet(el, s, surfaces) {
    var marks = spans(s, surfaces), start = 0, best = -1;
    // The window that shows the most highlighted characters.
    marks.forEach(function (sp) {
      var from = Math.max(0, sp[0] - 12), shown = 0;
      marks.forEach(function (o) { shown += Math.max(0, Math.min(o[1], from + SNIPPET) - Math.max(o[0], from)); });
      if (shown > best) { best = shown; start = from; }
    });
    start = Math.max(0, Math.min(start, s.length - SNIPPET)); // a short text is shown whole
    var end = Math.min(s.length, start + SNIPPET);
    if (start > 0) el.appendChild(document.createTextNode("…"));
    highlighted(el, s, marks, start, end);
    if (end < s.length) el.appendChild(document.createTextNode("…"));
  }
  function item(doc, surfaces) {
    var url = doc[0], title = doc[1], section = doc[2], body = doc[3];
    var li = document.createElement("li"), a = document.createElement("a"), article = document.createElement("article");
    li.className = "md-search-result__item";
    a.className = "md-search-result__link";
    a.href = new URL(url, root).href;
    a.tabIndex = -1;
    article.className = "md-search-result__article md-typeset";
    var h = document.createElement("h1");
    highlighted(h, title, spans(title, surfaces), 0, title.length);
    var where = document.createElement("p");
    where.className = "dealer-search__section";
    where.textContent = section;
    var p = document.createElement("p");
    p.className = "dealer-search__snippet";
    snippet(p, body, surfaces);
    article.append(h, where, p);
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }
  // Results appear in rank order as their document chunks arrive: the first ones do
  // not wait for the last.
  function render(result, ticket) {
    var chunk = state.meta.chunk, docs = new Array(result.top.length), shown = 0;
    list.textContent = "";
    meta.textContent = result.count ? text.some.replace("#", result.count) : text.none;
    if (!result.top.length) form.setAttribute("data-state", "done");
    result.top.forEach(function (r, i) {
      load("d/" + Math.floor(r[1] / chunk) + ".json").then(function (docsOfChunk) {
        if (ticket !== latest) return;
        docs[i] = docsOfChunk[r[1] % chunk];
        while (shown < docs.length && docs[shown]) list.appendChild(item(docs[shown++], result.surfaces));
        if (shown === docs.length) form.setAttribute("data-state", "done");
      }, function () {
        if (ticket === latest) { meta.textContent = text.failed; form.setAttribute("data-state", "error"); }
      });
    });
  }

  var latest = 0;
  function run() {
    var query = input.value, ticket = ++latest;
    form.setAttribute("data-state", "loading");
    if (!state) meta.textContent = text.loading;
    if (!query.trim()) {
      list.textContent = "";
      meta.textContent = text.start;
      form.setAttribute("data-state", "idle");
      return;
    }
    ready().then(function () { return search(query); }).then(function (result) {
      if (ticket === latest) render(result, ticket); // a later keystroke has its own results
    }, function () {
      if (ticket !== latest) return;
      meta.textContent = text.failed;
      form.setAttribute("data-state", "error");
    });
  }

  meta.textContent = text.start;
  input.addEventListener("focus", function () {
    if (toggle) toggle.checked = true;
    ready().catch(function () {});
  });
  // The magnifier in the header (on phones, the only way in) opens the box: type at once.
  if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
  input.addEventListener("input", run);
  input.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { if (toggle) toggle.checked = false; input.blur(); }
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  form.addEventListener("reset", function () { setTimeout(run, 0); });
  list.addEventListener("click", function () { if (toggle) toggle.checked = false; });
})();
