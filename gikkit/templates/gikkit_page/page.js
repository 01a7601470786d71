// What a static page does without a kernel: filter the findings table in the browser, and let
// the keyboard reach every box that scrolls sideways (a wide table on a phone).
(function () {
  var zh = (document.documentElement.lang || "").indexOf("zh") === 0;
  var forms = document.querySelectorAll("form.gikkit-filters");
  Array.prototype.forEach.call(forms, function (form) {
    var box = form.nextElementSibling;
    var rows = box ? box.querySelectorAll("tbody tr") : [];
    var count = form.querySelector("output");
    var search = form.querySelector("input[data-filter='text']");
    function apply() {
      var want = {}, shown = 0, text = search ? search.value.trim().toLowerCase() : "";
      Array.prototype.forEach.call(form.querySelectorAll("select[data-filter]"), function (s) { want[s.getAttribute("data-filter")] = s.value; });
      Array.prototype.forEach.call(rows, function (row) {
        var ok = Object.keys(want).every(function (k) { return !want[k] || row.getAttribute("data-" + k) === want[k]; })
          && (!text || row.textContent.toLowerCase().indexOf(text) >= 0);
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      if (count) { count.textContent = shown + " / " + rows.length; }
    }
    form.addEventListener("change", apply);
    form.addEventListener("input", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply();
  });
  // The lesson's exercises (gikkit.teach): a typed answer is hashed and looked up among the hashes of
  // the right ones; a right answer unseals the reason, which is mixed with a key made from that answer.
  function sha(text) { return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)); }
  function hex(buf) { return Array.prototype.map.call(new Uint8Array(buf), function (b) { return ("0" + b.toString(16)).slice(-2); }).join(""); }
  function typedKey(text) {
    return text.toLowerCase().replace(/[()（）\[\]"'“”‘’「」]/g, "").split(/[,，、]/).map(function (p) { return p.trim(); }).join("|");
  }
  function unseal(sealed, seed) {
    var bytes = Uint8Array.from(atob(sealed), function (c) { return c.charCodeAt(0); }), blocks = [];
    for (var i = 0; i * 32 < bytes.length || i === 0; i += 1) { blocks.push(sha(seed + "|" + i)); }
    return Promise.all(blocks).then(function (parts) {
      var out = new Uint8Array(bytes.length);
      for (var j = 0; j < bytes.length; j += 1) { out[j] = bytes[j] ^ new Uint8Array(parts[j >> 5])[j & 31]; }
      return new TextDecoder().decode(out);
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("form.gikkit-quiz"), function (form) {
    var words = JSON.parse(form.getAttribute("data-words")), answers = JSON.parse(form.getAttribute("data-answers"));
    var name = form.getAttribute("data-exercise"), output = form.querySelector("output"), box = form.parentNode;
    function show(right, label, text) {
      box.setAttribute("data-right", right ? "true" : "false");
      output.textContent = "";
      var verdict = document.createElement("b"), more = document.createElement("span");
      verdict.textContent = right ? words.right : words.wrong;
      more.textContent = " " + label + ": " + text;
      output.appendChild(verdict);
      output.appendChild(more);
    }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var key = typedKey(form.querySelector("input").value);
      if (!key) { return; }
      sha(name + "|" + key).then(function (digest) {
        var sealed = answers[hex(digest)];
        if (!sealed) { show(false, words.hint, words.hint_text); return; }
        unseal(sealed, "reason|" + name + "|" + key).then(function (reason) { show(true, words.why, reason); });
      });
    });
  });
  function regions() {
    Array.prototype.forEach.call(document.querySelectorAll(".output, .table-scroll"), function (el) {
      if (el.scrollWidth > el.clientWidth + 1 && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        if (!el.hasAttribute("role")) { el.setAttribute("role", "region"); el.setAttribute("aria-label", zh ? "可横向滚动的内容" : "scrollable content"); }
      }
    });
  }
  regions();
  window.addEventListener("resize", regions);
})();
