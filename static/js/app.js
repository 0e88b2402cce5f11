// Small progressive enhancements; every page works without JavaScript.
(function () {
  "use strict";
  // Formsets: "add row" clones the empty form template and bumps TOTAL_FORMS.
  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest("[data-formset-add]");
    if (!btn) return;
    ev.preventDefault();
    var prefix = btn.getAttribute("data-formset-add");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var tpl = document.getElementById(prefix + "-empty");
    var body = document.getElementById(prefix + "-rows");
    if (!total || !tpl || !body) return;
    var index = parseInt(total.value, 10);
    var html = tpl.innerHTML.replace(/__prefix__/g, String(index));
    body.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
  });
  // Confirm destructive actions: <form data-confirm="...">.
  document.addEventListener("submit", function (ev) {
    var msg = ev.target.getAttribute && ev.target.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) ev.preventDefault();
  });
  // Region and country fields (<input data-suggest="regions|countries" list="…">): as the person
  // types, up to 20 matches from the endpoint its form names fill the field's <datalist>.
  var suggestTimer = null;
  document.addEventListener("input", function (ev) {
    var input = ev.target;
    if (!input.matches || !input.matches("input[data-suggest]")) return;
    var kind = input.getAttribute("data-suggest");
    var holder = input.closest("[data-suggest-" + kind + "]");
    var list = document.getElementById(input.getAttribute("list"));
    if (!holder || !list) return;
    var url = holder.getAttribute("data-suggest-" + kind);
    window.clearTimeout(suggestTimer);
    suggestTimer = window.setTimeout(function () {
      var q = input.value.trim();
      if (q.length < 2) return;
      fetch(url + "?q=" + encodeURIComponent(q), {headers: {"HX-Request": "true"},
                                                  credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (html) { if (html) list.innerHTML = html; })
        .catch(function () { /* offline: the field still takes a code or a name */ });
    }, 200);
  });
  // An error summary takes the focus when the page opens, so it is read out first.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-focus-on-load]");
    if (summary) summary.focus();
  });
  // Print buttons.
  document.addEventListener("click", function (ev) {
    if (ev.target.closest("[data-print]")) { ev.preventDefault(); window.print(); }
  });
  // A table wider than the screen scrolls sideways: make its frame reachable by keyboard.
  function focusableScrollers() {
    document.querySelectorAll(".table-wrap").forEach(function (el) {
      if (el.scrollWidth > el.clientWidth) el.setAttribute("tabindex", "0");
      else el.removeAttribute("tabindex");
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", focusableScrollers);
  else focusableScrollers();
  window.addEventListener("resize", focusableScrollers);
})();
