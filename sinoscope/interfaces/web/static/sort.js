// Sortable columns on every data table: a header button sorts the rows by that column, again to reverse.
// Figures sort as numbers with their printed scale ("RMB 98.7 bn" > "RMB 640 mn"), words as words
// (locale-aware, so Chinese names sort too); `aria-sort` tells screen readers the order.
(function () {
  "use strict";
  var SCALE = { tn: 1e12, trillion: 1e12, bn: 1e9, billion: 1e9, mn: 1e6, million: 1e6, "万亿": 1e12, "亿": 1e8, "万": 1e4 };
  function key(cell) {
    if (!cell) { return { n: null, t: "" }; }
    var text = (cell.dataset.sort || cell.textContent || "").trim();
    var m = text.replace(/,/g, "").match(/(-?\d+(?:\.\d+)?)\s*(tn|trillion|bn|billion|mn|million|万亿|亿|万)?/);
    var n = m ? parseFloat(m[1]) * (SCALE[m[2]] || 1) : null;
    return { n: n, t: text };
  }
  function compare(a, b) {
    if (a.n !== null && b.n !== null) { return a.n - b.n; }
    if (a.n !== null) { return -1; }
    if (b.n !== null) { return 1; }
    return a.t.localeCompare(b.t);
  }
  function sortBy(table, index, th) {
    var body = table.tBodies[0];
    if (!body) { return; }
    var descending = th.getAttribute("aria-sort") === "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var c = compare(key(r1.cells[index]), key(r2.cells[index]));
      return descending ? -c : c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }
  document.querySelectorAll("table.data").forEach(function (table) {
    if (!table.tHead || !table.tBodies[0] || table.tBodies[0].rows.length < 2) { return; }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var label = th.textContent.trim();
      if (!label) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = label;
      button.setAttribute("aria-label", "Sort by " + label);
      button.addEventListener("click", function () { sortBy(table, index, th); });
      th.textContent = "";
      th.appendChild(button);
    });
  });
})();
