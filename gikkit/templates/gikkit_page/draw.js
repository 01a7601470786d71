// Draw every figure of the page from its JSON with the shared plotly.js; nothing is fetched.
(function () {
  function failed(div, error) {
    div.className += " chart-missing";
    div.textContent = "This chart could not be drawn: " + error;
    console.error("gikkit: chart not drawn:", error);
  }
  var blocks = document.querySelectorAll("script.gikkit-figure");
  for (var i = 0; i < blocks.length; i++) {
    var div = blocks[i].previousElementSibling;
    if (typeof Plotly === "undefined") {
      div.className += " chart-missing";
      div.textContent = "plotly.min.js not found next to this page: the chart cannot be drawn.";
      continue;
    }
    var fig = JSON.parse(blocks[i].textContent);
    var config = Object.assign({responsive: true, displaylogo: false}, fig.config || {});
    var drawn = Plotly.newPlot(div, {data: fig.data || [], layout: fig.layout || {}, frames: fig.frames || [], config: config});
    drawn.catch(failed.bind(null, div));
  }
})();
