/* Lectern present: the phone's remote. It reads the deck's own page for
   titles, notes, steps and timings, and moves the deck through the
   session: the laptop follows, and the remote follows the laptop. */
(function () {
  "use strict";
  var API = "/__lectern/present";
  var doc = document, params = new URLSearchParams(location.search);
  var me = Math.random().toString(36).slice(2);
  var deck = null, slides = [], duration = 0;
  var state = { n: 0, f: 0, black: false, elapsed: 0, paused: false }, at = Date.now();
  function q(sel) { return doc.querySelector(sel); }
  function status(text) { q(".status").textContent = text; }
  function path(p) { return "/" + p.split("/").map(encodeURIComponent).join("/"); }

  function elapsed() { return (state.paused ? state.elapsed : state.elapsed + Date.now() - at) / 1000; }
  function clock(sec) {
    sec = Math.max(0, Math.round(sec));
    var m = Math.floor(sec / 60), s = sec % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }
  function tick() {
    var s = slides[state.n], e = elapsed(), pace = q(".pace");
    q(".clock").textContent = new Date().toTimeString().slice(0, 5);
    q(".elapsed").textContent = clock(e) + (state.paused ? " (paused)" : "");
    q(".left").textContent = duration ? (e > duration ? "-" + clock(e - duration) : clock(duration - e)) : "–";
    if (!s) return;
    var d = e - s.start;
    pace.className = "pace" + (d > 60 ? " behind" : d < -60 ? " ahead" : "");
    pace.querySelector("b").textContent = d > 60 ? "Behind " + clock(d) : d < -60 ? "Ahead " + clock(-d) : "On pace";
  }
  function render() {
    var s = slides[state.n], after = slides[state.n + 1];
    if (!s) return;
    q(".count").textContent = (state.n + 1) + " of " + slides.length + (s.steps ? ", step " + state.f + " of " + s.steps : "");
    q(".current").textContent = s.title || "Slide " + (state.n + 1);
    q(".next").textContent = state.f < s.steps ? "More of this slide" : after ? after.title || "Slide " + (state.n + 2) : "End of deck";
    q(".notes").innerHTML = s.notes || "<p>No notes for this slide.</p>";
    q(".go-prev").disabled = state.n === 0 && state.f === 0;
    q(".go-next").disabled = state.n === slides.length - 1 && state.f >= s.steps;
    q(".pause").textContent = state.paused ? "Resume" : "Pause";
    q(".black").setAttribute("aria-pressed", String(state.black));
    tick();
  }
  function receive(s) {
    state = s;
    at = Date.now();
    render();
  }
  function send(change) {
    change.deck = deck;
    change.from = me;
    return fetch(API + "/state", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(change)
    }).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (s) { receive(s); status(""); })
      .catch(function () { status("Not connected: is `lectern present` still running?"); });
  }
  function move(n, f) {
    state.n = n; state.f = f;
    render();
    send({ n: n, f: f });
  }
  function next() {
    var s = slides[state.n];
    if (state.f < s.steps) move(state.n, state.f + 1);
    else if (state.n < slides.length - 1) move(state.n + 1, 0);
  }
  function prev() {
    if (state.f > 0) move(state.n, state.f - 1);
    else if (state.n > 0) move(state.n - 1, slides[state.n - 1].steps);
  }

  function read(html) {
    var page = new DOMParser().parseFromString(html, "text/html");
    var main = page.querySelector(".deck");
    duration = (+(main && main.getAttribute("data-duration")) || 0) * 60;
    slides = [].map.call(page.querySelectorAll("section.slide"), function (s) {
      var notes = s.querySelector(".notes");
      return {
        title: s.getAttribute("data-title") || "",
        notes: notes ? notes.innerHTML.trim() : "",
        start: +s.getAttribute("data-start") || 0,
        steps: s.querySelectorAll(".fragment").length
      };
    });
  }
  function connect() {
    var events = new EventSource(API + "/events");
    events.addEventListener("state", function (e) {
      var s = JSON.parse(e.data);
      if (s.deck === deck && s.from !== me) receive(s);
    });
    events.onerror = function () { status("Reconnecting…"); };
    events.onopen = function () { status(""); };
    return fetch(API + "/state?deck=" + encodeURIComponent(deck))
      .then(function (r) { return r.json(); })
      .then(receive);
  }

  fetch(API + "/decks")
    .then(function (r) { return r.json(); })
    .then(function (info) {
      var known = info.decks.map(function (d) { return d.path; });
      deck = params.get("deck");
      if (known.indexOf(deck) < 0) deck = info.active || known[0];
      var select = q("#deck");
      info.decks.forEach(function (d) {
        var o = doc.createElement("option");
        o.value = d.path;
        o.textContent = d.title;
        o.selected = d.path === deck;
        select.appendChild(o);
      });
      select.onchange = function () { location.search = "?deck=" + encodeURIComponent(select.value); };
      return fetch(path(deck)).then(function (r) { return r.text(); });
    })
    .then(function (html) {
      read(html);
      doc.title = q("#deck").selectedOptions[0].textContent + " · Remote · Lectern";
      return connect();
    })
    .then(function () { doc.body.setAttribute("data-ready", "true"); })
    .catch(function () { status("Could not reach the session: open the address `lectern present` printed."); });

  q(".go-next").onclick = next;
  q(".go-prev").onclick = prev;
  q(".pause").onclick = function () { send({ timer: state.paused ? "resume" : "pause" }); };
  q(".reset").onclick = function () { send({ timer: "reset" }); };
  q(".black").onclick = function () { send({ black: !state.black }); };
  addEventListener("keydown", function (e) {
    // A Bluetooth clicker sends these.
    var k = e.key;
    if (k === "ArrowRight" || k === "PageDown") next();
    else if (k === "ArrowLeft" || k === "PageUp") prev();
    else return;
    e.preventDefault();
  });
  setInterval(tick, 1000);
})();
