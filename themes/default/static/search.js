/* Lectern search: loads only the index pieces a query needs. The `/` key
   focuses the search box on any page; the /search/ page shows results as
   you type, with filters, and keeps the query in the address. */
(function () {
  "use strict";
  var doc = document;
  var base = (doc.querySelector('meta[name="lectern-base"]') || {}).content || "/";
  doc.addEventListener("keydown", function (e) {
    var tag = (doc.activeElement && doc.activeElement.tagName) || "";
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(tag)) return;
    var box = doc.querySelector('#search-page input[type="search"]') || doc.querySelector('input[type="search"]');
    if (box) { e.preventDefault(); box.focus(); box.select(); }
  });
  var page = doc.getElementById("search-page");
  if (!page || !window.fetch) return;

  var STOP = "a an and are as at be but by for from has have in is it its of on or that the their this to was were will with".split(" ");
  var meta = null, filterTable = null, shards = {}, postings = {}, fragments = {};
  var form = page.querySelector("form"), input = form.q, list = page.querySelector(".search-results");
  var statusLine = page.querySelector(".search-status");
  var filters = { kind: form.kind, tag: form.tag, status: form.status };
  window.lecternSearch = { queries: 0, ms: 0 };

  function json(path) {
    return fetch(base + "search/" + path).then(function (r) {
      if (!r.ok) throw new Error(path + ": " + r.status);
      return r.json();
    });
  }
  function getMeta() {
    if (!meta) meta = json("meta.json");
    return meta;
  }
  function shardKey(word) {
    var key = Array.from(word).slice(0, 2).join("");
    if (/^[a-z0-9]+$/.test(key)) return key;
    return Array.from(key).map(function (c) { return c.codePointAt(0).toString(16); }).join("-");
  }
  function getShard(m, key) {
    if (!shards[key]) shards[key] = m.shards.indexOf(key) >= 0 ? json("words/" + key + ".json") : Promise.resolve({});
    return shards[key];
  }
  function getPostings(file) {
    if (!postings[file]) postings[file] = json("postings/" + file + ".json");
    return postings[file];
  }
  function getFilters() {
    if (!filterTable) filterTable = json("filters.json");
    return filterTable;
  }
  // Fragments come in files of a few consecutive documents; meta.json
  // lists where each file starts (as gaps), so a document's file is the
  // last start at or before it.
  var starts = null;
  function fileOf(m, id) {
    if (!starts) {
      starts = [];
      var at = 0;
      (m.bundles || []).forEach(function (gap) { at += gap; starts.push(at); });
    }
    var lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= id) lo = mid; else hi = mid - 1;
    }
    return starts.length ? starts[lo] : id;
  }
  function getDoc(m, id) {
    var file = fileOf(m, id);
    if (!fragments[file]) fragments[file] = json("docs/" + file + ".json");
    return fragments[file].then(function (list) { return list[id - file]; });
  }
  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) {
      return w && (w.length > 1 || /^\d$/.test(w)) && STOP.indexOf(w) < 0;
    });
  }
  function parse(q) {
    var phrases = [], terms = [], re = /"([^"]*)"|(\S+)/g, m;
    while ((m = re.exec(q))) {
      if (m[1] !== undefined) { if (m[1].trim()) phrases.push(m[1].trim().toLowerCase()); terms = terms.concat(words(m[1])); }
      else terms = terms.concat(words(m[2]));
    }
    return { phrases: phrases, terms: terms.filter(function (t, i) { return terms.indexOf(t) === i; }) };
  }
  // The documents a query word reaches: every word of the vocabulary it
  // begins leads to a stem; word forms meet at the stem.
  function lookup(m, word) {
    return getShard(m, shardKey(word)).then(function (shard) {
      var stems = {}, found = false;
      var tries = [word];
      var bare = word.replace(/(ies|es|s|ing|ed|ly)$/, "");
      if (bare.length >= 3 && bare !== word) tries.push(bare);
      tries.forEach(function (w, attempt) {
        if (found && attempt > 0) return;
        Object.keys(shard).forEach(function (v) {
          if (v.lastIndexOf(w, 0) === 0) {
            var entry = shard[v], boost = v === word ? 2 : 1;
            var known = stems[entry[0]];
            stems[entry[0]] = { file: entry[1], boost: Math.max(boost, known ? known.boost : 0) };
            found = true;
          }
        });
      });
      var names = Object.keys(stems);
      // The forms the text may use: every word of the shard that leads to
      // a stem the query reached ("reviewing" marks "Reviews"). A prefix
      // that reaches too many is marked by its beginning only.
      var forms = Object.keys(shard).filter(function (v) { return stems[shard[v][0]]; });
      if (forms.length > 64) forms = [];
      var files = names.map(function (s) { return stems[s].file; }).filter(function (f, i, all) { return all.indexOf(f) === i; });
      return Promise.all(files.map(getPostings)).then(function (tables) {
        // Scores and sections by document number, in typed arrays: a common
        // word reaches most of a large library, and objects per document
        // would cost more than the postings themselves.
        var docs = { score: new Float64Array(m.count), section: new Int32Array(m.count), forms: forms };
        names.forEach(function (stem) {
          var p = tables[files.indexOf(stems[stem].file)][stem] || [], doc = 0, boost = stems[stem].boost;
          for (var i = 0; i < p.length; i += 3) {
            doc += p[i];
            var score = p[i + 1] * boost;
            if (docs.score[doc] < score) { docs.score[doc] = score; docs.section[doc] = p[i + 2]; }
          }
        });
        return docs;
      });
    });
  }
  function allowed(m, table, id) {
    if (!table) return true;
    var d = table[id], k = filters.kind.value, t = filters.tag.value, s = filters.status.value;
    return (!k || m.kinds[d[0]] === k) && (!s || (d[1] !== null && m.statuses[d[1]] === s)) &&
      (!t || d[2].some(function (g) { return m.tags[g] === t; }));
  }
  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]; });
  }
  function escapeRe(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  // Words that begin with one of `terms` (query words and the forms they
  // reached), as whole words. Results show many texts for one query, so
  // the pattern is made once per list of terms.
  var patternFor = null, pattern = "";
  function wordsRe(terms) {
    if (patternFor !== terms) {
      patternFor = terms;
      pattern = "(^|[^\\p{L}\\p{N}])(" + terms.map(escapeRe).join("|") + ")([\\p{L}\\p{N}]*)";
    }
    return new RegExp(pattern, "giu");
  }
  function mentions(text, terms) { return terms.length > 0 && wordsRe(terms).test(text); }
  function highlight(text, terms) {
    if (!terms.length) return escapeHtml(text);
    var re = wordsRe(terms), out = "", last = 0, m;
    while ((m = re.exec(text))) {
      var start = m.index + m[1].length;
      out += escapeHtml(text.slice(last, start)) + "<mark>" + escapeHtml(m[2] + m[3]) + "</mark>";
      last = start + m[2].length + m[3].length;
      if (m[0].length === 0) re.lastIndex++;
    }
    return out + escapeHtml(text.slice(last));
  }
  function snippet(text, terms, phrases) {
    var lower = text.toLowerCase(), at = -1;
    phrases.forEach(function (t) { var i = lower.indexOf(t); if (i >= 0 && (at < 0 || i < at)) at = i; });
    var first = terms.length ? wordsRe(terms).exec(text) : null;
    if (first && (at < 0 || first.index < at)) at = first.index + first[1].length;
    var start = Math.max(0, at - 70), end = Math.min(text.length, start + 220);
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }
  function render(results, q, total, partial) {
    list.innerHTML = results.map(function (r) {
      var f = r.doc, section = f.h[r.section] || f.h[0] || ["", "", ""];
      var best = r.best;
      if (best) section = best;
      // A match in the title alone says little: show the section whose
      // text uses the words, when there is one.
      else if (!mentions(section[1] + " " + section[2], q.marks)) {
        best = f.h.filter(function (s) { return mentions(s[1] + " " + s[2], q.marks); })[0];
        if (best) section = best;
      }
      var url = f.u + (section[0] ? "#" + encodeURIComponent(section[0]) : "");
      var where = section[1] ? '<span class="search-section">' + highlight(section[1], q.marks) + "</span>" : "";
      return '<li class="search-result"><h2><a href="' + escapeHtml(url) + '">' + highlight(f.t, q.marks) + "</a></h2>" +
        '<p class="card-meta"><span class="kind">' + escapeHtml(f.k) + "</span>" + (f.d ? "<span>" + escapeHtml(f.d) + "</span>" : "") +
        (f.s ? '<span class="badge">' + escapeHtml(f.s) + "</span>" : "") + where + "</p>" +
        '<p class="search-snippet">' + highlight(snippet(section[2] || "", q.marks, q.phrases), q.marks) + "</p>" +
        (f.g.length ? '<ul class="terms">' + f.g.map(function (g) { return "<li>" + escapeHtml(g) + "</li>"; }).join("") + "</ul>" : "") + "</li>";
    }).join("");
    statusLine.textContent = total === 0 ? "No results." : partial
      ? total + " result" + (total === 1 ? "" : "s") + " with the exact phrase among the best matches."
      : total + " result" + (total === 1 ? "" : "s") + (total > results.length ? ", best " + results.length + " shown" : "") + ".";
  }
  var current = 0;
  function run() {
    var text = input.value.trim(), ticket = ++current, started = performance.now();
    var params = new URLSearchParams();
    if (text) params.set("q", text);
    Object.keys(filters).forEach(function (f) { if (filters[f].value) params.set(f, filters[f].value); });
    history.replaceState(null, "", location.pathname + (params.toString() ? "?" + params : ""));
    var q = parse(text);
    if (!q.terms.length) { list.innerHTML = ""; statusLine.textContent = ""; return; }
    getMeta().then(function (m) {
      fillFilters(m);
      var filtering = filters.kind.value || filters.tag.value || filters.status.value;
      var lookups = q.terms.map(function (t) { return lookup(m, t); });
      // The filter table is fetched only once a filter is chosen.
      lookups.push(filtering ? getFilters() : Promise.resolve(null));
      return Promise.all(lookups).then(function (maps) {
        var table = maps.pop();
        q.marks = q.terms.slice();
        maps.forEach(function (d) { d.forms.forEach(function (f) { if (q.marks.indexOf(f) < 0) q.marks.push(f); }); });
        // Documents with every word, scored; only the best few are kept in
        // order (a full sort of thousands of matches is not needed).
        var keep = q.phrases.length ? 24 : 12, top = [], total = 0;
        for (var id = 0; id < m.count; id++) {
          var score = 0, all = true;
          for (var t = 0; t < maps.length && all; t++) {
            if (maps[t].score[id] > 0) score += maps[t].score[id]; else all = false;
          }
          if (!all || !allowed(m, table, id)) continue;
          total++;
          if (top.length === keep && score <= top[keep - 1].score) continue;
          var at = top.length;
          while (at > 0 && top[at - 1].score < score) at--;
          top.splice(at, 0, { id: id, score: score, section: maps[0].section[id] });
          if (top.length > keep) top.pop();
        }
        return Promise.all(top.map(function (r) { return getDoc(m, r.id).then(function (d) { r.doc = d; return r; }); })).then(function (rs) {
          if (q.phrases.length) {
            rs = rs.filter(function (r) {
              var hit = null;
              r.doc.h.concat([["", r.doc.t, r.doc.t]]).forEach(function (s) {
                var all = (s[1] + " " + s[2]).toLowerCase();
                if (!hit && q.phrases.every(function (p) { return all.indexOf(p) >= 0; })) hit = s;
              });
              r.best = hit;
              return hit;
            });
          }
          return { results: rs.slice(0, 12), total: q.phrases.length ? rs.length : total, partial: q.phrases.length > 0 && total > top.length };
        });
      });
    }).then(function (out) {
      if (ticket !== current) return;
      render(out.results, q, out.total, out.partial);
      window.lecternSearch.queries++;
      window.lecternSearch.ms = performance.now() - started;
    }).catch(function (e) {
      statusLine.textContent = "Search is not available: " + e.message;
    });
  }
  var filled = false;
  function fillFilters(m) {
    if (filled) return;
    filled = true;
    [["kind", m.kinds], ["tag", m.tags.slice().sort()], ["status", m.statuses]].forEach(function (pair) {
      var select = filters[pair[0]], wanted = select.getAttribute("data-value") || select.value;
      pair[1].forEach(function (v) { var o = doc.createElement("option"); o.value = v; o.textContent = v; select.appendChild(o); });
      select.value = wanted;
    });
  }
  var timer = null;
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 80); });
  Object.keys(filters).forEach(function (f) { filters[f].addEventListener("change", run); });
  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  Object.keys(filters).forEach(function (f) { filters[f].setAttribute("data-value", params.get(f) || ""); });
  if (input.value) run();
  else getMeta().then(fillFilters).catch(function () {});
})();
