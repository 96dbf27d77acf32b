// The writer's desk's filters: show only the moments and ideas of a theme,
// a potential or a platform. Without this script the page shows them all.
(function () {
  "use strict";
  var form = document.getElementById("desk-filters");
  if (!form) return;
  form.hidden = false;
  var shown = form.querySelector(".desk-shown");
  function matches(row, name, value) {
    if (!value) return true;
    if (name === "potential") return row.getAttribute("data-potential") === value;
    var attr = name === "theme" ? "data-themes" : "data-platforms";
    return (row.getAttribute(attr) || "").indexOf("|" + value + "|") !== -1;
  }
  function apply() {
    var wanted = {
      theme: form.elements.theme.value,
      potential: form.elements.potential.value,
      platform: form.elements.platform.value
    };
    var total = 0, visible = 0;
    document.querySelectorAll("[data-desk-row]").forEach(function (row) {
      var ok = matches(row, "theme", wanted.theme) && matches(row, "potential", wanted.potential) &&
        matches(row, "platform", wanted.platform);
      row.hidden = !ok;
      total += 1;
      if (ok) visible += 1;
    });
    document.querySelectorAll("[data-desk-group]").forEach(function (group) {
      group.hidden = !group.querySelector("[data-desk-row]:not([hidden])");
    });
    var filtered = wanted.theme || wanted.potential || wanted.platform;
    shown.textContent = filtered ? visible + " of " + total + " rows shown" : "";
    var query = new URLSearchParams();
    Object.keys(wanted).forEach(function (k) { if (wanted[k]) query.set(k, wanted[k]); });
    var q = query.toString();
    history.replaceState(null, "", q ? "?" + q + location.hash : location.pathname + location.hash);
  }
  var initial = new URLSearchParams(location.search);
  ["theme", "potential", "platform"].forEach(function (k) {
    if (initial.get(k)) form.elements[k].value = initial.get(k);
  });
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  apply();
})();
