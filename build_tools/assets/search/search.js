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
  var panel = form.parentNode.parentNode;
  var list = panel.querySelector(".md-search-result__list");
  var box = panel.querySelector(".dealer-search__options");
  var suggestBox = panel.querySelector(".dealer-search__suggest");
  var notFound = panel.querySelector(".dealer-search__notfound");
  var wayOut = panel.querySelector(".dealer-search__wayout");
  var askLink = wayOut && wayOut.querySelector(".dealer-search__ask");
  // The 我要提问 link as built by LeadBuilder, with a mark where the query goes (search/pages.py).
  var ask = wayOut ? wayOut.getAttribute("data-ask") : "", mark = wayOut ? wayOut.getAttribute("data-mark") : "";
  var feedbackUrl = form.getAttribute("data-feedback-url") || "", feedbackMethod = form.getAttribute("data-feedback-method") || "POST";
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
  var PREFIX_MIN = 2, MAX_RESULTS = 10, SNIPPET = 70, MAX_SUGGESTIONS = 5;
  // As in segment.py and query.py.
  var CONCEPT_BOOST = 2, LONG_QUERY = 8, LIGHT_WEIGHT = 0.4, ENTITY_BOOST = 2, SUGGEST_COVERAGE = 0.5;

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

  var state = null; // what meta.json says, made ready to use (see ready())
  function ready() {
    return load("meta.json").then(function (m) {
      if (!state) {
        var t2s = new Map(), chars = Array.from(m.t2s), sound = new Map();
        for (var i = 0; i + 1 < chars.length; i += 2) t2s.set(chars[i], chars[i + 1]);
        Object.entries(m.pinyin).forEach(function (e) { for (var c of e[1]) sound.set(c, e[0]); });
        state = {
          meta: m, t2s: t2s, concepts: new Map(Object.entries(m.concepts)), stop: new Set(m.stop), particles: m.particles,
          fillers: m.fillers, light: m.light, chars: sound, syllables: new Set(Object.keys(m.pinyin)),
          sounds: Object.entries(m.sounds), initials: new Map(Object.entries(m.initials)), entities: m.entities, asked: m.asked
        };
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

  // --- pinyin.py / segment.py ----------------------------------------------------
  var HAS_RUN = new RegExp("[" + CJK + "]|[a-z0-9]");
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
  function stripFillers(q) {
    var s = q;
    state.fillers.forEach(function (w) { s = s.split(w).join(""); });
    return HAS_RUN.test(s) ? s : q;
  }
  // Longest syllable first, with backtracking: xian is xian, not xi an.
  function splitSyllables(letters) {
    var best = new Map([[letters.length, []]]);
    function from(start) {
      if (best.has(start)) return best.get(start);
      best.set(start, null);
      for (var end = Math.min(letters.length, start + 6); end > start; end--) {
        if (state.syllables.has(letters.slice(start, end))) {
          var rest = from(end);
          if (rest !== null) { best.set(start, [letters.slice(start, end)].concat(rest)); break; }
        }
      }
      return best.get(start);
    }
    return from(0);
  }
  function latinPinyin(q) {
    var letters = q.match(/[a-z]+/g);
    if (!letters || /[0-9]/.test(q) || !state.chars.size) return [];
    return splitSyllables(letters.join("")) || [];
  }
  function querySounds(q) {
    var out = [];
    for (var i = 0; i < q.length; i++) out.push(state.chars.get(q[i]) || "");
    return out;
  }
  function soundMatches(sounds) {
    var found = [];
    state.sounds.forEach(function (e) {
      var parts = e[0].split(" ");
      for (var i = 0; i + parts.length <= sounds.length; i++) {
        var k = 0;
        while (k < parts.length && sounds[i + k] === parts[k]) k++;
        if (k === parts.length) { found.push(e[1]); break; }
      }
    });
    return found;
  }
  function group(terms, surfaces, boost) { return { terms: terms, surfaces: surfaces, boost: boost === undefined ? 1 : boost }; }
  function queryGroups(q) {
    q = stripFillers(q);
    var groups = [], stop = [], runs = Array.from(q.matchAll(RUN)), sounds = querySounds(q);
    runs.forEach(function (run, n) {
      var token = run[0];
      if (LATIN.test(token[0])) {
        var last = n === runs.length - 1 && run.index + token.length === q.length;
        var terms = last && token.length >= PREFIX_MIN && !/^[0-9]+$/.test(token) ? [token, token + "*"] : [token];
        groups.push(group(terms, [token]));
        if (state.initials.has(token)) {
          var meant = state.initials.get(token), words = [];
          meant.forEach(function (c) { words.push.apply(words, variants(c)); });
          groups.push(group(meant.map(function (c) { return "=" + c; }), words));
        }
      } else if (token.length === 1) {
        (state.particles.indexOf(token) >= 0 ? stop : groups).push(group([token], [token]));
      } else {
        for (var i = 0; i < token.length - 1; i++) {
          var bigram = token.slice(i, i + 2), a = sounds[run.index + i], b = sounds[run.index + i + 1];
          var weak = state.stop.has(bigram) || state.particles.indexOf(bigram[0]) >= 0 || state.particles.indexOf(bigram[1]) >= 0;
          var light = state.light.indexOf(bigram[0]) >= 0 || state.light.indexOf(bigram[1]) >= 0 ? LIGHT_WEIGHT : 1;
          (weak ? stop : groups).push(group(a && b ? [bigram, "^" + a + b] : [bigram], [bigram], light));
        }
      }
    });
    var concepts = vocabularyMatches(q).map(function (m) { return state.concepts.get(m[2]); });
    var typed = latinPinyin(q);
    for (var t = 0; t + 1 < typed.length; t++) groups.push(group(["^" + typed[t] + typed[t + 1]], []));
    concepts = concepts.concat(soundMatches(sounds), soundMatches(typed));
    var boost = q.length >= LONG_QUERY ? CONCEPT_BOOST : 1;
    concepts.forEach(function (c) { groups.push(group(["=" + c], variants(c), boost)); });
    var seen = new Set(), unique = [];
    (groups.length ? groups : stop).forEach(function (g) {
      var key = g.terms.join("\u0000");
      if (!seen.has(key)) { seen.add(key); unique.push(g); }
    });
    return unique;
  }
  function contentless(s) {
    state.fillers.forEach(function (w) { s = s.split(w).join(""); });
    var p = state.particles;
    return Array.from(s.matchAll(RUN)).every(function (run) {
      var token = run[0];
      if (LATIN.test(token[0]) || (token.length === 1 && p.indexOf(token) < 0)) return false;
      for (var i = 0; i + 1 < token.length; i++) {
        var b = token.slice(i, i + 2);
        if (!state.stop.has(b) && p.indexOf(b[0]) < 0 && p.indexOf(b[1]) < 0) return false;
      }
      return true;
    });
  }
  function sameList(a, b) { return a.length === b.length && a.every(function (x, i) { return x === b[i]; }); }
  // Document number → pinned (the query is the name and nothing more), as segment.entity_matches.
  function entityMatches(q) {
    var compact = stripFillers(q).replace(/\s+/g, ""), typed = latinPinyin(q), sounds = querySounds(compact), found = new Map();
    state.entities.forEach(function (e) {
      var name = e[0], number = e[1], parts = e[2] ? e[2].split(" ") : [], pinned;
      if (compact.indexOf(name) >= 0) pinned = contentless(compact.split(name).join(""));
      else if (parts.length && (sameList(parts, typed) || (parts.length === compact.length && sameList(parts, sounds)))) pinned = true;
      else if (compact.length >= 2 && name.startsWith(compact)) pinned = 2 * compact.length >= name.length;
      else if (parts.length && typed.length >= 2 && sameList(parts.slice(0, typed.length), typed)) pinned = 2 * typed.length >= parts.length;
      else return;
      found.set(number, found.get(number) || pinned);
    });
    return found;
  }

  // --- index.py / query.py -------------------------------------------------------
  var encoder = new TextEncoder();
  function fnv1a(s) {
    var h = 0x811c9dc5;
    for (var b of encoder.encode(s)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
    return h;
  }
  // Its first two characters without the = and * marks: 保养 and =保养 share a shard; a pinyin twin whole.
  function shardKey(term) { return term[0] === "^" ? term : term.replace(/^=+/, "").replace(/\*+$/, "").slice(0, 2); }
  function idf(df, docs) { return Math.log(1 + (docs - df + 0.5) / (df + 0.5)); }
  // The flat [doc-gap, impact, …] list of a term, as stored.
  function postings(term) {
    return load("t/" + (fnv1a(shardKey(term)) % state.meta.shards) + ".json").then(function (shard) {
      return Object.prototype.hasOwnProperty.call(shard, term) ? shard[term] : [];
    });
  }
  function search(query) {
    var m = state.meta, normalized = normalizeWithMap(query)[0], groups = queryGroups(normalized);
    // A group's pinyin twins are fetched only if its characters are on no page (query.py group_postings).
    function groupPostings(g) {
      var exact = g.terms.filter(function (t) { return t[0] !== "^"; }), twins = g.terms.filter(function (t) { return t[0] === "^"; });
      return Promise.all(exact.map(postings)).then(function (lists) {
        if (lists.some(function (l) { return l.length; }) || !twins.length) return lists;
        return Promise.all(twins.map(postings)).then(function (more) { return lists.concat(more); });
      });
    }
    return Promise.all(groups.map(groupPostings)).then(function (all) {
      // Typed arrays indexed by document: thousands of postings add up in a few ms.
      var scores = new Float64Array(m.docs), covered = new Float64Array(m.docs), seen = new Uint8Array(m.docs), touched = [], total = 0, weighed = [];
      all.forEach(function (lists, n) {
        var g = groups[n], best = lists.length > 1 ? new Map() : null, weight = 0;
        lists.forEach(function (flat) { if (flat.length) weight = Math.max(weight, idf(flat.length / 2, m.docs)); });
        weight *= g.boost;
        weighed.push([g, weight]);
        total += weight;
        function add(number, impact) {
          if (!seen[number]) { seen[number] = 1; touched.push(number); }
          scores[number] += impact * g.boost;
          covered[number] += weight;
        }
        lists.forEach(function (flat) {
          for (var i = 0, number = 0; i < flat.length; i += 2) {
            number += flat[i];
            if (best) best.set(number, Math.max(best.get(number) || 0, flat[i + 1])); else add(number, flat[i + 1]);
          }
        });
        if (best) best.forEach(function (impact, number) { add(number, impact); });
      });
      var named = normalized.trim() ? entityMatches(normalized) : new Map();
      named.forEach(function (_, number) { if (!seen[number]) { seen[number] = 1; touched.push(number); } });
      var ranked = touched.map(function (number) {
        var coverage = total ? covered[number] / total : 0;
        return [scores[number] * Math.pow(coverage, 2) * (named.has(number) ? ENTITY_BOOST : 1), number, named.get(number) ? 0 : 1];
      });
      ranked.sort(function (a, b) { return a[2] - b[2] || b[0] - a[0] || a[1] - b[1]; });
      var surfaces = [];
      groups.forEach(function (g) { surfaces.push.apply(surfaces, g.surfaces); });
      return { count: ranked.length, surfaces: surfaces, top: ranked.slice(0, MAX_RESULTS), weighed: weighed };
    });
  }
  // query.title_matches: the question shows the words of at least half of the query's weight.
  function titleMatches(title, weighed) {
    var folded = normalizeWithMap(title)[0], total = 0, shown = 0;
    weighed.forEach(function (gw) {
      if (!gw[0].surfaces.length || !gw[1]) return;
      total += gw[1];
      if (gw[0].surfaces.some(function (s) { return folded.indexOf(s) >= 0; })) shown += gw[1];
    });
    return total > 0 && shown >= SUGGEST_COVERAGE * total;
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
  var optionCount = 0;
  function option(a, url) {
    a.href = new URL(url, root).href;
    a.tabIndex = -1;
    a.id = "dealer-search-option-" + (++optionCount);
    a.setAttribute("role", "option");
    a.setAttribute("aria-selected", "false");
    return a;
  }
  function item(doc, surfaces) {
    var url = doc[0], title = doc[1], section = doc[2], body = doc[3];
    var li = document.createElement("li"), a = document.createElement("a"), article = document.createElement("article");
    li.className = "md-search-result__item";
    li.setAttribute("role", "none");
    a.className = "md-search-result__link";
    option(a, url);
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
  function suggestion(doc, surfaces) {
    var a = option(document.createElement("a"), doc[0]);
    a.className = "dealer-search__suggestion";
    highlighted(a, doc[1], spans(doc[1], surfaces), 0, doc[1].length);
    return a;
  }

  // --- the combobox: suggestions and results as one listbox, the focus stays in the box ---
  var active = -1;
  function options() { return Array.from(box.querySelectorAll("[role=option]")); }
  function updateOptions() {
    var any = options().length > 0;
    if (any) { box.setAttribute("role", "listbox"); box.setAttribute("aria-label", "搜索建议与结果"); }
    else { box.removeAttribute("role"); box.removeAttribute("aria-label"); }
    input.setAttribute("aria-expanded", any ? "true" : "false");
    if (!any) setActive(-1);
  }
  function setActive(n) {
    var all = options();
    all.forEach(function (o, i) { o.setAttribute("aria-selected", i === n ? "true" : "false"); });
    active = n >= 0 && n < all.length ? n : -1;
    if (active < 0) { input.removeAttribute("aria-activedescendant"); return; }
    input.setAttribute("aria-activedescendant", all[active].id);
    all[active].scrollIntoView({ block: "nearest" });
  }
  function clearOptions() {
    list.textContent = "";
    suggestBox.textContent = "";
    suggestBox.hidden = true;
    updateOptions();
  }

  // --- the way out: hotline and 我要提问 with the query; what was not found goes to staff ---
  function showWayOut(query, show) {
    if (!wayOut) return;
    wayOut.hidden = !show;
    if (askLink && ask && mark) askLink.href = ask.split(mark).join(encodeURIComponent(query.trim()));
  }
  // Masked as intake masks questions (build_tools/intake/privacy.py), before anything leaves the browser.
  var PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领";
  var MASKS = [
    [/[^\s@，。,;；:：（）()<>]+@[^\s@，。,;；:：（）()<>]+\.[a-z]{2,}/gi, "【邮箱】"],
    [new RegExp("[" + PROVINCES + "]\\s?[·•・.\\-]?\\s?[A-HJ-NP-Z]\\s?[·•・.\\-]?\\s?[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳]{1,2}(?![A-Za-z0-9])", "gi"), "【车牌号】"],
    [/(?<![0-9])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9])/g, "【身份证号】"],
    [/(?<![0-9])(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?![0-9])/g, "【手机号】"],
    [/(?<![0-9])0\d{2,3}[\s-]?\d{7,8}(?![0-9])/g, "【电话】"],
    [/\d(?:[\s.\-\/_]?\d){6,}/g, "【号码】"],
    [/(我是|我叫|我姓|本人|叫我)([\u4e00-\u9fff]{1,3})/g, "$1【姓名】"]
  ];
  function mask(s) {
    s = s.normalize("NFKC").replace(/\p{Cf}/gu, "");
    MASKS.forEach(function (m) { s = s.replace(m[0], m[1]); });
    return s.replace(/\s+/g, " ").trim();
  }
  // What the masks above may miss (a VIN, a WeChat or QQ id, a number in Chinese numerals or split by / or _)
  // is not sent at all: these rules are a simpler copy of intake's, so anything that still looks like an
  // identifier after masking stays in the browser.
  function unsafe(s) {
    s = s.replace(/【[^】]{1,8}】/g, " ");  // the placeholders themselves are fine
    if (/微信|weixin|qq|车架|vin|身份证|\b(?:vx|wx)\b/i.test(s)) return true;
    if (/[0-9零〇一二三四五六七八九两幺]{6,}/.test(s.replace(/[\s\-\/_.·,，]/g, ""))) return true;
    return s.split(/[^A-Za-z0-9_\-]+/).some(function (t) { return t.length >= 6 && /[A-Za-z]/.test(t) && /\d/.test(t); });
  }
  var sent = new Set(), pending = null, pendingTimer = 0;
  function send(query, reason) {
    if (!feedbackUrl || !query.trim()) return;
    var masked = mask(query);
    if (unsafe(masked)) return;
    if (sent.has(reason + "\u0000" + masked)) return;
    sent.add(reason + "\u0000" + masked);
    // Text only: no page address, no cookies, nothing but what was searched and why it is sent.
    var body = new URLSearchParams({ source: "search", reason: reason, query: masked });
    try {
      if (feedbackMethod === "GET") {
        fetch(feedbackUrl + (feedbackUrl.indexOf("?") >= 0 ? "&" : "?") + body, { mode: "no-cors", credentials: "omit", keepalive: true }).catch(function () {});
      } else if (!(navigator.sendBeacon && navigator.sendBeacon(feedbackUrl, body))) {
        fetch(feedbackUrl, { method: "POST", body: body, mode: "no-cors", credentials: "omit", keepalive: true }).catch(function () {});
      }
    } catch (e) { /* feedback never gets in the customer's way */ }
  }
  // A query with no result is sent once the customer stops typing (or leaves), not at every keystroke.
  function noResult(query) {
    clearTimeout(pendingTimer);
    pending = query;
    pendingTimer = setTimeout(flush, 1500);
  }
  function flush() {
    clearTimeout(pendingTimer);
    if (pending !== null) send(pending, "no_results");
    pending = null;
  }
  function cancelPending() { clearTimeout(pendingTimer); pending = null; }

  // Results appear in rank order as their document chunks arrive: the first ones do
  // not wait for the last. Suggestions (the most asked of the results whose question
  // matches) come once all of them are there.
  function render(result, ticket, query) {
    var chunk = state.meta.chunk, docs = new Array(result.top.length), shown = 0;
    clearOptions();
    meta.textContent = result.count ? text.some.replace("#", result.count) : text.none;
    notFound.hidden = !result.count;
    showWayOut(query, !result.count);
    if (!result.top.length) { form.setAttribute("data-state", "done"); noResult(query); return; }
    result.top.forEach(function (r, i) {
      load("d/" + Math.floor(r[1] / chunk) + ".json").then(function (docsOfChunk) {
        if (ticket !== latest) return;
        docs[i] = docsOfChunk[r[1] % chunk];
        while (shown < docs.length && docs[shown]) list.appendChild(item(docs[shown++], result.surfaces));
        if (shown === docs.length) { suggest(result, docs); form.setAttribute("data-state", "done"); }
        updateOptions();
      }, function () {
        if (ticket === latest) { meta.textContent = text.failed; form.setAttribute("data-state", "error"); }
      });
    });
  }
  function suggest(result, docs) {
    var asked = state.asked, picked = [];
    result.top.forEach(function (r, place) {
      if (asked[r[1]] >= 0 && titleMatches(docs[place][1], result.weighed)) picked.push([asked[r[1]], place]);
    });
    picked.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    picked.slice(0, MAX_SUGGESTIONS).forEach(function (p) { suggestBox.appendChild(suggestion(docs[p[1]], result.surfaces)); });
    suggestBox.hidden = !picked.length;
  }

  var latest = 0;
  function run() {
    var query = input.value, ticket = ++latest;
    cancelPending();
    form.setAttribute("data-state", "loading");
    if (!state) meta.textContent = text.loading;
    if (!query.trim()) {
      clearOptions();
      notFound.hidden = true;
      showWayOut("", false);
      meta.textContent = text.start;
      form.setAttribute("data-state", "idle");
      return;
    }
    ready().then(function () { return search(query); }).then(function (result) {
      if (ticket === latest) render(result, ticket, query); // a later keystroke has its own results
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
    var count = options().length;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!count) return;
      e.preventDefault();
      var step = e.key === "ArrowDown" ? 1 : -1;
      setActive(active < 0 ? (step > 0 ? 0 : count - 1) : (active + step + count) % count);
    } else if (e.key === "Escape") {
      flush();
      setActive(-1);
      input.setAttribute("aria-expanded", "false");
      if (toggle) toggle.checked = false;
      input.blur();
    }
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var all = options(), chosen = all[active >= 0 ? active : 0];
    if (chosen) { flush(); location.href = chosen.href; }
  });
  form.addEventListener("reset", function () { setTimeout(run, 0); });
  box.addEventListener("click", function () { flush(); if (toggle) toggle.checked = false; });
  notFound.addEventListener("click", function () {
    showWayOut(input.value, true);
    send(input.value, "not_answered");
    if (askLink) askLink.focus();
  });
  // Leaving the page (or the tab) sends what is still waiting.
  addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") flush(); });
})();
