// Draws every chart on the page from the JSON spec the server embedded beside it.
// Vega's expression interpreter (ast: true) keeps charts working under a CSP without 'unsafe-eval';
// points carry an `href` encoding, and the loader opens it in this tab: a click lands on the passage.
// Under each chart, visible PNG, SVG and CSV buttons export it; the title, unit and source line are part of
// the spec, so the exported image carries them. Series shown and years are kept in the page address.
(function () {
  "use strict";
  // Chart state in the URL: `hide=<series>` (repeatable), `from=<year>` and `to=<year>` pick what an
  // indicator chart shows, so a link (or a reload) brings back the same chart.
  function readState() {
    var q = new URLSearchParams(window.location.search);
    return { hide: q.getAll("hide"), from: q.get("from"), to: q.get("to") };
  }
  function writeState(state) {
    var q = new URLSearchParams(window.location.search);
    q.delete("hide"); q.delete("from"); q.delete("to");
    state.hide.forEach(function (h) { q.append("hide", h); });
    if (state.from) { q.set("from", state.from); }
    if (state.to) { q.set("to", state.to); }
    var query = q.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }
  function shown(spec, state) {
    var values = (spec.data && spec.data.values) || [];
    var from = state.from ? parseFloat(state.from) : -Infinity;
    var to = state.to ? parseFloat(state.to) : Infinity;
    var kept = values.filter(function (v) {
      return state.hide.indexOf(v.series) < 0 && (v.x === undefined || (v.x >= from && v.x <= to + 0.999));
    });
    return Object.assign({}, spec, { data: { values: kept } });
  }
  function draw(el, spec) {
    var options = { renderer: "svg", ast: true, actions: false, loader: vega.loader({ target: "_self" }) };
    return vegaEmbed(el, spec, options).then(function (result) {
      el.dataset.ready = "true";
      el.sinoscopeView = result.view;
      el.sinoscopeSpec = spec;
    }).catch(function (err) {
      el.dataset.ready = "error";
      el.textContent = "The chart could not be drawn: " + err;
    });
  }
  function addControls(el, spec) {
    var values = (spec.data && spec.data.values) || [];
    var series = [];
    values.forEach(function (v) { if (v.series && series.indexOf(v.series) < 0) { series.push(v.series); } });
    if (series.length < 2 || values[0].x === undefined) { return; }
    var state = readState();
    var box = document.createElement("fieldset");
    box.className = "chart-state";
    var legend = document.createElement("legend");
    legend.textContent = "Show (kept in the page address)";
    box.appendChild(legend);
    function redraw() { writeState(state); draw(el, shown(spec, state)); }
    series.forEach(function (name) {
      var label = document.createElement("label");
      var tick = document.createElement("input");
      tick.type = "checkbox";
      tick.checked = state.hide.indexOf(name) < 0;
      tick.addEventListener("change", function () {
        state.hide = state.hide.filter(function (h) { return h !== name; });
        if (!tick.checked) { state.hide.push(name); }
        redraw();
      });
      label.appendChild(tick);
      label.appendChild(document.createTextNode(" " + name));
      box.appendChild(label);
    });
    ["from", "to"].forEach(function (end) {
      var label = document.createElement("label");
      var field = document.createElement("input");
      field.type = "number";
      field.step = "1";
      field.className = "year";
      field.value = state[end] || "";
      field.setAttribute("aria-label", end + " year");
      field.addEventListener("change", function () { state[end] = field.value; redraw(); });
      label.appendChild(document.createTextNode(end + " "));
      label.appendChild(field);
      box.appendChild(label);
    });
    el.insertAdjacentElement("afterend", box);
  }
  function embed(el) {
    var specEl = document.getElementById(el.dataset.spec);
    if (!specEl || typeof vegaEmbed !== "function") {
      el.dataset.ready = "error";
      el.textContent = "The chart could not be drawn (chart scripts missing).";
      return;
    }
    var spec = JSON.parse(specEl.textContent);
    draw(el, shown(spec, readState())).then(function () {
      if (el.dataset.ready !== "true") { return; }
      addControls(el, spec);
      addDownloads(el);
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
  function addDownloads(el) {
    var name = el.id || "chart";
    var bar = document.createElement("p");
    bar.className = "chart-downloads";
    [["PNG", function () { return el.sinoscopeView.toImageURL("png", 2).then(function (u) { save(u, name + ".png"); }); }],
     ["SVG", function () { return el.sinoscopeView.toImageURL("svg").then(function (u) { save(u, name + ".svg"); }); }],
     ["CSV", function () {
       var values = (el.sinoscopeSpec.data && el.sinoscopeSpec.data.values) || [];
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
