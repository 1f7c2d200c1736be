// Draws every chart on the page from the JSON spec the server embedded beside it.
// Vega's expression interpreter (ast: true) keeps charts working under a CSP without 'unsafe-eval';
// points carry an `href` encoding, and the loader opens it in this tab: a click lands on the passage.
(function () {
  "use strict";
  function embed(el) {
    var specEl = document.getElementById(el.dataset.spec);
    if (!specEl || typeof vegaEmbed !== "function") {
      el.dataset.ready = "error";
      el.textContent = "The chart could not be drawn (chart scripts missing).";
      return;
    }
    var spec = JSON.parse(specEl.textContent);
    var options = {
      renderer: "svg",
      ast: true,
      actions: { export: true, source: false, compiled: false, editor: false },
      loader: vega.loader({ target: "_self" })
    };
    vegaEmbed(el, spec, options).then(function (result) {
      el.dataset.ready = "true";
      el.sinoscopeView = result.view;
    }).catch(function (err) {
      el.dataset.ready = "error";
      el.textContent = "The chart could not be drawn: " + err;
    });
  }
  document.querySelectorAll("[data-spec]").forEach(embed);
})();
