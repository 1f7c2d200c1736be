// "Copy citation" buttons: a citation with the document's title, author or issuer, year, place in the
// document and an absolute permalink goes on the clipboard, ready for a memo. Passages, figures and answers
// ask the API for it (`/api/v1/cite`, plain text or BibTeX); a chart carries its own text (title, unit,
// sources) and gets the page's permalink. Without the Clipboard API (plain http on another host) the
// text is copied through a hidden text area.
(function () {
  "use strict";
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = document.execCommand("copy");
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }
  function citation(button) {
    var own = button.dataset.citeText;
    if (own) {
      return Promise.resolve(own + " " + window.location.href.split("#")[0]);
    }
    var url = "/api/v1/cite?format=" + encodeURIComponent(button.dataset.citeFormat || "text") +
      "&anchor=" + encodeURIComponent(button.dataset.cite);
    return fetch(url).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.text();
    });
  }
  function say(button, message) {
    var label = button.dataset.label || button.textContent;
    button.dataset.label = label;
    button.textContent = message;
    var status = document.getElementById("cite-status");
    if (status) { status.textContent = message; }
    window.setTimeout(function () { button.textContent = label; }, 2000);
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-cite], button[data-cite-text]");
    if (!button) { return; }
    event.preventDefault();
    citation(button).then(copyText).then(function () {
      button.dataset.copied = "true";
      say(button, "Copied");
    }).catch(function (err) {
      say(button, "Could not copy: " + err.message);
    });
  });
})();
