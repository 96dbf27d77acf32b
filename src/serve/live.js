/* Lectern live reload: injected by `lectern serve` only, never into built sites. */
(function () {
  "use strict";
  if (!window.EventSource) return;
  var overlay = null;
  function here() { return decodeURI(location.pathname); }
  function hide() { if (overlay) { overlay.remove(); overlay = null; } }
  function show(errors) {
    hide();
    overlay = document.createElement("div");
    overlay.setAttribute("role", "alert");
    overlay.id = "lectern-errors";
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,0,0,.93);color:#fff;" +
      "font:15px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:24px 28px;white-space:pre-wrap";
    var title = document.createElement("h2");
    var unbuilt = document.querySelector('meta[name="lectern-unbuilt"]');
    title.textContent = "The build has " + errors.length + " error" + (errors.length === 1 ? "" : "s") +
      (unbuilt ? " (the site has not built yet; this page reloads when they are fixed)" : " (showing the last good page underneath)");
    title.style.cssText = "font:bold 18px system-ui,sans-serif;margin:0 0 16px;color:#ffb4a8";
    overlay.appendChild(title);
    errors.forEach(function (e) {
      var p = document.createElement("pre");
      p.textContent = e;
      p.style.cssText = "margin:0 0 14px;border-left:3px solid #ff7b6b;padding-left:12px;white-space:pre-wrap;overflow-wrap:anywhere";
      overlay.appendChild(p);
    });
    document.body.appendChild(overlay);
  }
  var events = new EventSource("/__lectern/events");
  events.addEventListener("reload", function (e) {
    var data = JSON.parse(e.data), path = here();
    var page = /\/index\.html$/.test(path) ? path.slice(0, -10) : path;
    if (data.all || data.paths.indexOf(page) >= 0 || data.paths.indexOf(path) >= 0) location.reload();
  });
  events.addEventListener("css", function (e) {
    var paths = JSON.parse(e.data).paths;
    [].forEach.call(document.querySelectorAll("link[rel=stylesheet]"), function (link) {
      var url = new URL(link.href);
      if (paths.indexOf(url.pathname) >= 0) { url.searchParams.set("v", Date.now()); link.href = url.href; }
    });
  });
  events.addEventListener("errors", function (e) { show(JSON.parse(e.data).errors); });
  events.addEventListener("ok", function () {
    hide();
    // The page served before the first good build has nothing to keep.
    if (document.querySelector('meta[name="lectern-unbuilt"]')) location.reload();
  });
})();
