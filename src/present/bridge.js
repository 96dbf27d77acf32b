/* Lectern present: joins a deck page (or its speaker view) to the session.
   The deck's runtime says what it shows ("lectern:shown") and is told
   where to go ("lectern:go"); this script carries both to and from the
   server, so the phone's remote and the laptop's deck follow each other. */
(function () {
  "use strict";
  var API = "/__lectern/present";
  if (!document.querySelector(".deck")) return;
  var deck = decodeURIComponent(location.pathname.replace(/^\//, "").replace(/index\.html$/, ""));
  var me = Math.random().toString(36).slice(2);
  var speaker = new URLSearchParams(location.search).has("speaker");

  function post(change) {
    change.deck = deck;
    change.from = me;
    return fetch(API + "/state", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(change)
    }).catch(function () { /* the session ended: the deck still works alone */ });
  }
  function go(detail) { document.dispatchEvent(new CustomEvent("lectern:go", { detail: detail })); }
  function timer(s) { return { elapsed: s.elapsed, paused: s.paused }; }
  function apply(s) { go({ n: s.n, f: s.f, black: s.black, timer: timer(s) }); }

  document.addEventListener("lectern:shown", function (e) {
    var d = e.detail;
    // Only moves made here: a move that came from elsewhere is known.
    if (d.local) post({ n: d.n, f: d.f, black: speaker ? undefined : d.black });
  });
  document.addEventListener("lectern:timer", function (e) { post({ timer: e.detail.action }); });

  var events = new EventSource(API + "/events");
  events.addEventListener("state", function (e) {
    var s = JSON.parse(e.data);
    if (s.deck === deck && s.from !== me) apply(s);
  });

  // On opening: follow the session if someone moved this deck already;
  // otherwise tell it where this page is.
  fetch(API + "/state?deck=" + encodeURIComponent(deck))
    .then(function (r) { return r.json(); })
    .then(function (s) {
      if (s.moved) { apply(s); return; }
      go({ timer: timer(s) });
      if (!speaker) {
        var n = parseInt(location.hash.slice(1), 10);
        post({ n: n > 0 ? n - 1 : 0, f: 0 });
      }
    })
    .catch(function () { /* not served by a session */ });
})();
