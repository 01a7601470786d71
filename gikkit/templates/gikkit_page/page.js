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
