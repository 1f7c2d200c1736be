// Draws every chart on the page from the JSON spec the server embedded beside it.
// Vega's expression interpreter (ast: true) keeps charts working under a CSP without 'unsafe-eval';
// points carry an `href` encoding, and the loader opens it in this tab: a click lands on the passage.
// Under each chart, visible PNG, SVG and CSV buttons export it; the title, unit and source line are part of
// the spec, so the exported image carries them.
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
      actions: false,
      loader: vega.loader({ target: "_self" })
    };
    vegaEmbed(el, spec, options).then(function (result) {
      el.dataset.ready = "true";
      el.sinoscopeView = result.view;
      addDownloads(el, spec, result.view);
    }).catch(function (err) {
      el.dataset.ready = "error";
      el.textContent = "The chart could not be drawn: " + err;
    });
  }
  function save(href, name) {
    var a = document.createElement("a");
    a.href = href;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
  }
  function csvOf(values) {
    var keys = [];
    values.forEach(function (row) {
      Object.keys(row).forEach(function (k) { if (keys.indexOf(k) < 0 && k !== "href") { keys.push(k); } });
    });
    function cell(v) {
      var t = v === null || v === undefined ? "" : String(v);
      return /[",\n]/.test(t) ? "\"" + t.replace(/"/g, "\"\"") + "\"" : t;
    }
    return [keys.join(",")].concat(values.map(function (row) {
      return keys.map(function (k) { return cell(row[k]); }).join(",");
    })).join("\n") + "\n";
  }
  function addDownloads(el, spec, view) {
    var name = el.id || "chart";
    var bar = document.createElement("p");
    bar.className = "chart-downloads";
    [["PNG", function () { return view.toImageURL("png", 2).then(function (u) { save(u, name + ".png"); }); }],
     ["SVG", function () { return view.toImageURL("svg").then(function (u) { save(u, name + ".svg"); }); }],
     ["CSV", function () {
       var values = (spec.data && spec.data.values) || [];
       var blob = new Blob([csvOf(values)], { type: "text/csv;charset=utf-8" });
       save(URL.createObjectURL(blob), name + ".csv");
       return Promise.resolve();
     }]].forEach(function (item) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "secondary chart-download";
      b.textContent = item[0];
      b.setAttribute("aria-label", "Download the chart as " + item[0]);
      b.addEventListener("click", function () { item[1](); });
      bar.appendChild(b);
    });
    el.insertAdjacentElement("afterend", bar);
  }
  document.querySelectorAll("[data-spec]").forEach(embed);
})();
