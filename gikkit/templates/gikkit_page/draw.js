// Draw every figure of the page from its JSON with the shared plotly.js; nothing is fetched.
// A figure's dropdown menus become HTML <select>s above it (usable by keyboard and on a phone,
// none covering another); on a narrow screen legends go below the plot, the toolbar is hidden and
// two subplots side by side are stacked.
(function () {
  var NARROW = 600;
  var zh = (document.documentElement.lang || "").indexOf("zh") === 0;
  function failed(div, error) {
    div.className += " chart-missing";
    div.textContent = (zh ? "图表无法绘制：" : "This chart could not be drawn: ") + error;
    console.error("gikkit: chart not drawn:", error);
  }
  // Two subplots side by side (the explorer) become one above the other; their titles follow.
  function stack(layout) {
    var x1 = layout.xaxis, x2 = layout.xaxis2, y1 = layout.yaxis, y2 = layout.yaxis2;
    if (!x1 || !x2 || !y1 || !y2 || !x1.domain || !x2.domain || x2.domain[0] < x1.domain[1]) { return null; }
    var centers = [(x1.domain[0] + x1.domain[1]) / 2, (x2.domain[0] + x2.domain[1]) / 2];
    var titles = (layout.annotations || []).filter(function (a) {
      return a.xref === "paper" && a.yref === "paper" && Math.abs(a.y - 1) < 0.01 && a.yanchor === "bottom";
    });
    x1.domain = [0, 1]; x2.domain = [0, 1];
    return function (gap) {  // gap: the paper height between the two plots
      y1.domain = [0.5 + gap / 2, 1]; y2.domain = [0, 0.5 - gap / 2];
      titles.forEach(function (a) {
        var second = Math.abs(a.x - centers[1]) < Math.abs(a.x - centers[0]);
        a.x = 0; a.xanchor = "left"; a.y = second ? y2.domain[1] : 1;
      });
    };
  }
  // The figure's updatemenus as <select>s before the chart; each choice runs its button's method.
  function menusAsSelects(div, layout) {
    var menus = layout.updatemenus || [];
    if (!menus.length) { return null; }
    var labels = (layout.annotations || []).filter(function (a) { return a.yref === "paper" && a.y > 1 && a.yanchor === "top"; });
    var named = labels.length === menus.length;
    if (named) { layout.annotations = layout.annotations.filter(function (a) { return labels.indexOf(a) < 0; }); }
    delete layout.updatemenus;
    var form = document.createElement("form");
    form.className = "chart-menus";
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    menus.forEach(function (m, k) {
      var label = document.createElement("label");
      var select = document.createElement("select");
      label.appendChild(document.createTextNode((named ? String(labels[k].text || "") : (zh ? "选项 " : "Menu ") + (k + 1)) + " "));
      (m.buttons || []).forEach(function (b, i) {
        var option = document.createElement("option");
        option.value = String(i);
        option.textContent = String(b.label || i);
        select.appendChild(option);
      });
      select.value = String(m.active || 0);
      select.addEventListener("change", function () {
        var b = m.buttons[Number(select.value)], args = b.args || [];
        if (b.method === "restyle") { Plotly.restyle(div, args[0], args[1]); }
        else if (b.method === "relayout") { Plotly.relayout(div, args[0]); }
        else if (b.method === "update") { Plotly.update(div, args[0], args[1], args[2]); }
      });
      label.appendChild(select);
      form.appendChild(label);
    });
    div.parentNode.insertBefore(form, div);
    return form;
  }
  // Notes under a chart in lines that fit a narrow plot (an entity such as &lt; is never cut).
  function wrap(text, width) {
    return String(text).split("<br>").map(function (line) {
      var tokens = line.match(/&[#a-zA-Z0-9]+;|[\s\S]/g) || [], out = [], row = [], size = 0;
      tokens.forEach(function (t) {
        var w = /[\u2e80-\uffff]/.test(t) ? 2 : 1;
        if (size + w > width && row.length) { out.push(row.join("")); row = []; size = 0; }
        row.push(t); size += w;
      });
      out.push(row.join(""));
      return out.join("<br>");
    }).join("<br>");
  }
  function narrow(fig, layout, config, width) {
    config.displayModeBar = false;
    var old = Object.assign({t: 80, b: 70}, layout.margin || {});
    var place = stack(layout);
    var margin = {l: 40, r: 10, t: place ? 76 : Math.min(old.t, 90), b: old.b};
    layout.title = Object.assign({}, layout.title || {}, {font: {size: 15}},
                                 place ? {y: 1, yref: "container", yanchor: "top", pad: {t: 10}} : {});
    // Below the plot: the notes (an annotation under the x axis), then the legend in rows under them.
    var notes = (layout.annotations || []).filter(function (a) { return a.yref === "paper" && a.y === 0 && (a.yshift || 0) < 0; });
    notes.forEach(function (a) { a.text = wrap(a.text || "", Math.max(Math.floor((width - 20) / 6.5), 20)); });
    var noteLines = notes.length ? String(notes[0].text || "").split("<br>").length : 0;
    var legendItems = (fig.data || []).filter(function (t) { return t.showlegend !== false && t.type !== "sankey" && t.type !== "heatmap"; }).length;
    var legendRows = legendItems > 1 ? Math.ceil(legendItems / 2) : 0;
    var below = 52 + noteLines * 17 + 12;
    margin.b = Math.max(old.b, below + legendRows * 22 + 10);
    var plot = place ? 720 : Math.max((layout.height || 450) - old.t - old.b, 260);
    if (place) { place(120 / plot); }
    layout.height = margin.t + plot + margin.b;
    if (legendRows) {
      layout.legend = Object.assign({}, layout.legend || {}, {orientation: "h", x: 0, xanchor: "left", y: -below / plot, yanchor: "top"});
    }
    layout.margin = margin;
  }
  var blocks = document.querySelectorAll("script.gikkit-figure");
  for (var i = 0; i < blocks.length; i++) {
    var div = blocks[i].previousElementSibling;
    if (typeof Plotly === "undefined") {
      div.className += " chart-missing";
      div.textContent = zh ? "本页旁边找不到 plotly.min.js，图表无法绘制。" : "plotly.min.js not found next to this page: the chart cannot be drawn.";
      continue;
    }
    var fig = JSON.parse(blocks[i].textContent);
    var layout = fig.layout || {};
    var config = Object.assign({responsive: true, displaylogo: false}, fig.config || {});
    if (menusAsSelects(div, layout) && !((div.clientWidth || window.innerWidth) < NARROW)) {
      layout.margin = Object.assign({}, layout.margin || {}, {t: Math.min((layout.margin || {}).t || 80, 90)});
    }
    var width = div.clientWidth || window.innerWidth;
    if (width < NARROW) { narrow(fig, layout, config, width); }
    var drawn = Plotly.newPlot(div, {data: fig.data || [], layout: layout, frames: fig.frames || [], config: config});
    drawn.catch(failed.bind(null, div));
  }
})();
