/* The index's search, filters, sort and paging, over rows loaded as scripts (index/rows-NNNN.js).
   Pages opened from file:// cannot fetch() JSON in Chromium; a <script src> can be added, and each chunk
   calls gikkitIndex.add(i, rows). Nothing is loaded until a reader needs it: the first page is in the HTML;
   the next page loads the chunk holding it; a search, filter or sort loads every chunk (once). */
(function () {
  "use strict";
  var box, total, chunkRows, fields, words, rows, loaded = {}, waiting = {}, facetsReady = null;
  var state = {q: "", agency: "", year: "", level: "", errors: "", size: 100, page: 0, sort: null, dir: 1};
  var F = {};  // field name -> position in a row

  window.gikkitIndex = {
    add: function (i, chunk) {
      for (var k = 0; k < chunk.length; k++) rows[i * chunkRows + k] = chunk[k];
      loaded[i] = true;
      (waiting[i] || []).forEach(function (done) { done(); });
      delete waiting[i];
    },
    facets: function (f) { if (facetsReady) facetsReady(f); }
  };

  function addScript(src, onError) {
    var s = document.createElement("script");
    s.src = src;
    s.onerror = onError || null;
    document.head.appendChild(s);
  }

  function loadChunk(i) {
    return new Promise(function (resolve, reject) {
      if (loaded[i]) return resolve();
      var first = !waiting[i];
      (waiting[i] = waiting[i] || []).push(resolve);
      if (first) addScript("index/rows-" + ("000" + i).slice(-4) + ".js", function () { reject(new Error("index chunk " + i)); });
    });
  }

  function loadRange(from, to) {  // rows [from, to) in the site's order
    var want = [];
    for (var i = Math.floor(from / chunkRows); i * chunkRows < Math.min(to, total); i++) want.push(loadChunk(i));
    return Promise.all(want);
  }

  function filtered() {
    return !!(state.q || state.agency || state.year || state.level || state.errors || state.sort);
  }

  function matches(r) {
    var q = state.q.trim().toLowerCase();
    if (q && String(r[F.agency] || "").toLowerCase().indexOf(q) < 0 && String(r[F.source] || "").toLowerCase().indexOf(q) < 0) return false;
    if (state.agency && r[F.agency] !== state.agency) return false;
    if (state.year && String(r[F.year]) !== state.year) return false;
    if (state.level && r[F.level] !== state.level) return false;
    if (state.errors === "yes" && !(r[F.errors] > 0)) return false;
    if (state.errors === "no" && r[F.errors] !== 0) return false;
    return true;
  }

  var collator = new Intl.Collator(document.documentElement.lang || undefined, {numeric: true});
  function compare(a, b) {  // blanks last either way; ties keep the site's order
    var key = F[state.sort], x = rows[a][key], y = rows[b][key];
    var blankX = x === null || x === undefined || x === "", blankY = y === null || y === undefined || y === "";
    if (blankX !== blankY) return blankX ? 1 : -1;
    var c = blankX ? 0 : (typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y)));
    return c ? c * state.dir : a - b;
  }

  function view() {  // indexes of the rows to list, in order
    var out = [];
    for (var i = 0; i < total; i++) if (matches(rows[i])) out.push(i);
    if (state.sort) out.sort(compare);
    return out;
  }

  function cell(tr, text, cls) {
    var td = document.createElement("td");
    if (cls) td.className = cls;
    if (text !== null && text !== undefined) td.appendChild(document.createTextNode(String(text)));
    tr.appendChild(td);
    return td;
  }

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function rowElement(r) {  // the same cells as rows.html.j2
    var tr = document.createElement("tr");
    cell(tr, null).appendChild(link(r[F.page], r[F.agency]));
    cell(tr, r[F.year] || "", "num");
    cell(tr, r[F.template] || "");
    cell(tr, r[F.coverage_text], "num coverage");
    var found = cell(tr, r[F.findings] === null ? "" : r[F.findings], "num findings");
    found.setAttribute("data-count", r[F.findings] === null ? "" : r[F.findings]);
    if (r[F.errors] !== null) {
      var span = document.createElement("span");
      span.className = "breakdown";
      span.textContent = "(" + r[F.errors] + " / " + r[F.warnings] + " / " + r[F.notes] + ")";
      found.appendChild(document.createTextNode(" "));
      found.appendChild(span);
    }
    var file = cell(tr, r[F.source], "file");
    if (r[F.pdf]) { file.appendChild(document.createTextNode(" · ")); file.appendChild(link(r[F.pdf], "PDF")); }
    cell(tr, r[F.level] ? words.levels[r[F.level]] : "");
    return tr;
  }

  function say(text) { document.getElementById("index-status").textContent = text; }

  function fmt(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return String(values[k]); });
  }

  var shownCount = 0, generation = 0;
  function render() {
    var mine = ++generation, size = state.size;
    var ready = filtered() ? loadRange(0, total) : loadRange(state.page * size, (state.page + 1) * size);
    if (filtered() && Object.keys(loaded).length * chunkRows < total) say(words.loading);
    return ready.then(function () {
      if (mine !== generation) return;  // a later change already asked for another view
      var list = filtered() ? view() : null, count = list ? list.length : total;
      var pages = Math.max(1, Math.ceil(count / size));
      if (state.page >= pages) state.page = pages - 1;
      var from = state.page * size, to = Math.min(count, from + size);
      var body = document.createElement("tbody");
      for (var i = from; i < to; i++) body.appendChild(rowElement(rows[list ? list[i] : i]));
      var table = box.querySelector("table.reports");
      table.replaceChild(body, table.tBodies[0]);
      shownCount = to - from;
      var text = count ? fmt(words.shown, {first: from + 1, last: to, n: count}) : words.none;
      if (list && count !== total) text += fmt(words.matching, {n: total});
      say(text + words.stop + " " + fmt(words.page_of, {page: state.page + 1, pages: pages}) + words.stop);
      pager(pages);
    }, function () { say(words.loading); });
  }

  function button(text, disabled, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.disabled = disabled;
    b.addEventListener("click", onClick);
    return b;
  }

  function pager(pages) {
    var nav = document.getElementById("index-pager");
    while (nav.firstChild) nav.removeChild(nav.firstChild);
    nav.appendChild(button(words.previous, state.page === 0, function () { state.page--; render(); }));
    var where = document.createElement("span");
    where.textContent = fmt(words.page_of, {page: state.page + 1, pages: pages});
    nav.appendChild(where);
    nav.appendChild(button(words.next, state.page >= pages - 1, function () { state.page++; render(); }));
    nav.hidden = pages <= 1;
  }

  function sortable() {
    box.querySelectorAll("th[data-key]").forEach(function (th) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = th.textContent;
      b.title = words.sort_by;
      th.textContent = "";
      th.appendChild(b);
      b.addEventListener("click", function () {
        var key = th.getAttribute("data-key");
        state.dir = state.sort === key ? -state.dir : 1;
        state.sort = key;
        state.page = 0;
        box.querySelectorAll("th[data-key]").forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", state.dir > 0 ? "ascending" : "descending");
        render();
      });
    });
  }

  function fill(select, values, label) {
    values.forEach(function (v) {
      var o = document.createElement("option");
      o.value = String(v);
      o.textContent = label ? label(v) : String(v);
      select.appendChild(o);
    });
  }

  function start() {
    box = document.getElementById("index-table");
    var form = document.getElementById("index-filters");
    if (!box || !form) return;
    total = +box.getAttribute("data-total");
    chunkRows = +box.getAttribute("data-chunk-rows");
    fields = box.getAttribute("data-fields").split(",");
    fields.forEach(function (f, i) { F[f] = i; });
    words = JSON.parse(box.getAttribute("data-words"));
    rows = new Array(total);
    state.size = +form.elements.size.value;
    facetsReady = function (f) {
      fill(form.elements.agency, f.agencies);
      fill(form.elements.year, f.years);
      fill(form.elements.level, f.levels, function (v) { return words.levels[v]; });
    };
    addScript("index/facets.js");
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    ["q", "agency", "year", "level", "errors", "size"].forEach(function (name) {
      form.elements[name].addEventListener(name === "q" ? "input" : "change", function () {
        state[name] = name === "size" ? +form.elements.size.value : form.elements[name].value;
        state.page = 0;
        render();
      });
    });
    sortable();
    form.hidden = false;
    var pages = Math.max(1, Math.ceil(total / state.size)), shown = Math.min(state.size, total);
    if (total) say(fmt(words.shown, {first: 1, last: shown, n: total}) + words.stop + " " + fmt(words.page_of, {page: 1, pages: pages}) + words.stop);
    pager(pages);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
