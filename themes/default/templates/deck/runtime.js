{% raw %}/* Lectern slide runtime: navigation, hash, fit, overview, blackout, speaker
   view with pacing. No dependencies; works from a static host and file://. */
(function () {
  "use strict";
  var W = 1280, H = 720, FLOOR = 0.8, STEP = 0.02;
  var doc = document, root = doc.documentElement, body = doc.body;
  var deck = doc.querySelector(".deck");
  if (!deck) return;
  root.classList.remove("no-js");
  var slides = [].slice.call(deck.querySelectorAll("section.slide"));
  if (!slides.length) return;
  var viewport = deck.querySelector(".viewport");
  var bar = deck.querySelector(".progress-bar");
  var counter = deck.querySelector(".slide-number");
  var live = deck.querySelector(".live");
  var params = new URLSearchParams(location.search);
  var isSpeaker = params.has("speaker");
  var deckId = deck.getAttribute("data-deck-id") || location.pathname;
  var duration = (+deck.getAttribute("data-duration") || 0) * 60;
  var current = -1, step = 0, peer = null;
  var me = Math.random().toString(36).slice(2), lastSeen = {};
  function q(sel, el) { return (el || doc).querySelector(sel); }
  function frags(s) { return [].slice.call(s.querySelectorAll(".fragment")); }
  if (params.has("notes")) body.classList.add("print-notes");

  /* Fit: shrink a slide's text until it fits its box, never below the
     floor (at the floor, text stays at or above 14px on a 1024x768 screen).
     Slides are measured in groups, one layout per step for the whole group
     rather than one per slide and step, and a long deck is fitted in small
     groups between frames (the shown slide and the next first), so opening
     it never blocks the page. */
  var fitted = [];
  /* Fits the slides numbered `group` (those not fitted yet). */
  function fitGroup(group) {
    var todo = [];
    group.forEach(function (n) {
      var s = slides[n];
      if (!s || fitted[n]) return;
      fitted[n] = true;
      var box = q(".slide-content", s);
      if (!box) return;
      s.style.setProperty("--fit", 1);
      s.removeAttribute("data-overflow");
      s.classList.add("measure");
      todo.push({ s: s, box: box, f: 1 });
    });
    var measured = todo.slice();
    while (todo.length) {
      // Every read of the round first, then every write: one layout a round.
      todo.forEach(function (t) { t.over = t.box.scrollHeight > t.box.clientHeight + 1; });
      var next = [];
      todo.forEach(function (t) {
        if (t.over && t.f > FLOOR) {
          t.f = Math.max(FLOOR, Math.round((t.f - STEP) * 100) / 100);
          t.s.style.setProperty("--fit", t.f);
          next.push(t);
        } else {
          t.s.setAttribute("data-fit", t.f);
          if (t.over) t.s.setAttribute("data-overflow", "true");
        }
      });
      todo = next;
    }
    measured.forEach(function (t) { t.s.classList.remove("measure"); });
  }
  function ensureFit(n) { fitGroup([n, n + 1]); }
  function fitAll(done) {
    fitted = [];
    var at = 0, GROUP = 12;
    (function next() {
      var group = [];
      for (var n = at; n < at + GROUP; n++) group.push(n);
      fitGroup(group);
      at += GROUP;
      if (at < slides.length) setTimeout(next, 0);
      else if (done) done();
    })();
  }

  function scale() {
    if (isSpeaker || body.classList.contains("overview")) { viewport.style.transform = ""; return; }
    var w = root.clientWidth || innerWidth, h = root.clientHeight || innerHeight;
    var k = Math.min(w / W, h / H);
    viewport.style.transform = "translate(" + (w - W * k) / 2 + "px," + (h - H * k) / 2 + "px) scale(" + k + ")";
  }

  function show(n, f, quiet) {
    n = Math.max(0, Math.min(slides.length - 1, n | 0));
    var moved = n !== current;
    if (current >= 0) { slides[current].classList.remove("active"); slides[current].removeAttribute("aria-current"); }
    current = n;
    ensureFit(n);
    var s = slides[n], fs = frags(s);
    s.classList.add("active");
    s.setAttribute("aria-current", "true");
    step = f < 0 ? fs.length : Math.min(f || 0, fs.length);
    fs.forEach(function (el, i) { el.classList.toggle("shown", i < step); });
    if (bar) bar.style.width = (n + 1) / slides.length * 100 + "%";
    if (counter) counter.textContent = (n + 1) + " / " + slides.length;
    if (location.hash !== "#" + (n + 1)) history.replaceState(null, "", "#" + (n + 1));
    if (moved && live) live.textContent = "Slide " + (n + 1) + " of " + slides.length + ": " + (s.getAttribute("data-title") || "");
    if (isSpeaker) renderSpeaker();
    if (!quiet) send({});
    announce(!quiet);
  }
  /* Tells scripts of the page (the `lectern present` bridge) what is shown;
     `local` when this window moved by itself, not by a message. */
  function announce(local) {
    try {
      doc.dispatchEvent(new CustomEvent("lectern:shown", { detail: { n: current, f: step, count: slides.length, black: !black.hidden, local: local } }));
    } catch (e) { /* no CustomEvent: nothing listens */ }
  }
  function next() {
    if (step < frags(slides[current]).length) show(current, step + 1);
    else if (current < slides.length - 1) show(current + 1, 0);
  }
  function prev() {
    if (step > 0) show(current, step - 1);
    else if (current > 0) show(current - 1, -1);
  }
  function fromHash() {
    var n = parseInt(location.hash.slice(1), 10);
    return n > 0 ? n - 1 : 0;
  }

  /* Sync between the deck and its speaker view: BroadcastChannel, falling
     back to localStorage events, and postMessage between the two windows,
     which also works between file:// pages. */
  var KEY = "lectern:" + deckId, bc = null;
  try { bc = new BroadcastChannel(KEY); bc.onmessage = function (e) { receive(e.data); }; } catch (e) { bc = null; }
  addEventListener("storage", function (e) {
    if (e.key === KEY && e.newValue) { try { receive(JSON.parse(e.newValue)); } catch (x) { /* not ours */ } }
  });
  addEventListener("message", function (e) { if (e.data && e.data.lectern) receive(e.data); });
  var seq = 0;
  function send(extra) {
    var m = { lectern: 1, id: deckId, from: me, seq: ++seq, n: current, f: step, hello: !!extra.hello };
    if (bc) bc.postMessage(m);
    try { localStorage.setItem(KEY, JSON.stringify(m)); } catch (e) { /* storage off */ }
    var other = peer && !peer.closed ? peer : (window.opener && !window.opener.closed ? window.opener : null);
    if (other) { try { other.postMessage(m, "*"); } catch (e) { /* closed */ } }
  }
  function receive(m) {
    if (!m || m.id !== deckId || m.from === me || m.seq <= (lastSeen[m.from] || 0)) return;
    lastSeen[m.from] = m.seq;
    if (m.hello) { send({}); return; }
    if (m.n !== current || m.f !== step) show(m.n, m.f, true);
  }

  /* Speaker view: current and next slide, notes, clock, elapsed, pacing. */
  var started = Date.now(), pausedAt = 0, pausedFor = 0, sv = null;
  function elapsed() { return ((pausedAt || Date.now()) - started - pausedFor) / 1000; }
  function clock(sec) {
    sec = Math.max(0, Math.round(sec));
    var m = Math.floor(sec / 60), s = sec % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }
  function buildSpeaker() {
    body.classList.add("speaker");
    viewport.hidden = true;
    sv = doc.createElement("section");
    sv.className = "sv";
    sv.setAttribute("aria-label", "Speaker view");
    sv.innerHTML = '<div><p class="sv-label">Current</p><div class="sv-frame sv-cur"></div></div>' +
      '<div><p class="sv-label">Next</p><div class="sv-frame sv-next"></div><div class="sv-time" role="timer">' +
      '<div>Clock<b class="sv-clock"></b></div><div>Elapsed<b class="sv-elapsed"></b></div><div>Left<b class="sv-left"></b></div>' +
      '<div class="sv-pace">Pace<b></b></div><div>This slide<b class="sv-budget"></b></div>' +
      '<div><button type="button" class="sv-pause">Pause</button><button type="button" class="sv-reset">Reset</button></div></div>' +
      '<p class="sv-label">Notes</p><div class="sv-notes" aria-live="polite"></div></div>';
    deck.appendChild(sv);
    q(".sv-pause").onclick = function () {
      if (pausedAt) { pausedFor += Date.now() - pausedAt; pausedAt = 0; }
      else pausedAt = Date.now();
      tick();
      timerChanged(pausedAt ? "pause" : "resume");
    };
    q(".sv-reset").onclick = function () { started = Date.now(); pausedAt = 0; pausedFor = 0; tick(); timerChanged("reset"); };
    setInterval(tick, 1000);
    addEventListener("resize", renderSpeaker);
  }
  function frame(el, s) {
    el.innerHTML = "";
    if (!s) { el.textContent = "End of deck"; el.style.height = "auto"; return; }
    var c = s.cloneNode(true);
    c.removeAttribute("id");
    c.classList.add("active");
    el.appendChild(c);
    var k = el.clientWidth / W;
    c.style.transform = "scale(" + k + ")";
    el.style.height = H * k + "px";
  }
  function renderSpeaker() {
    if (!sv) return;
    frame(q(".sv-cur"), slides[current]);
    frame(q(".sv-next"), slides[current + 1]);
    var notes = q(".notes", slides[current]);
    q(".sv-notes").innerHTML = notes && notes.innerHTML.trim() ? notes.innerHTML : "<p>No notes for this slide.</p>";
    tick();
  }
  function timerChanged(action) {
    try { doc.dispatchEvent(new CustomEvent("lectern:timer", { detail: { action: action } })); } catch (e) { /* nothing listens */ }
  }
  /* A timer kept elsewhere (the `lectern present` session): `elapsed`
     milliseconds so far, and whether it is paused. */
  function setTimer(t) {
    var now = Date.now();
    started = now - (+t.elapsed || 0);
    pausedFor = 0;
    pausedAt = t.paused ? now : 0;
    tick();
  }
  function tick() {
    if (!sv) return;
    q(".sv-pause").textContent = pausedAt ? "Resume" : "Pause";
    var s = slides[current], e = elapsed(), d = e - (+s.getAttribute("data-start") || 0), pace = q(".sv-pace");
    q(".sv-clock").textContent = new Date().toTimeString().slice(0, 5);
    q(".sv-elapsed").textContent = clock(e) + (pausedAt ? " (paused)" : "");
    q(".sv-left").textContent = duration ? (e > duration ? "-" + clock(e - duration) : clock(duration - e)) : "–";
    pace.className = "sv-pace" + (d > 60 ? " behind" : d < -60 ? " ahead" : "");
    q("b", pace).textContent = d > 60 ? "Behind " + clock(d) : d < -60 ? "Ahead " + clock(-d) : "On pace";
    q(".sv-budget").textContent = clock(+s.getAttribute("data-budget") || 0);
  }
  function openSpeaker() {
    if (isSpeaker) return;
    peer = window.open(location.pathname + "?speaker#" + (current + 1), "lectern-speaker", "width=1200,height=760");
  }

  /* Overlays: help, go to slide, blackout, overview. */
  var help = q(".help", deck), goto = q(".goto", deck), black = q(".blackout", deck);
  function closeOverlays() { help.hidden = true; goto.hidden = true; }
  goto.onsubmit = function (e) {
    e.preventDefault();
    var n = parseInt(q("input", goto).value, 10);
    closeOverlays();
    if (n > 0) show(n - 1, 0);
  };
  function toggleOverview(on) {
    body.classList.toggle("overview", on);
    scale();
    if (on) slides[current].scrollIntoView({ block: "center" });
  }
  slides.forEach(function (s, i) {
    s.addEventListener("click", function () { if (body.classList.contains("overview")) { toggleOverview(false); show(i, 0); } });
  });

  addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var k = e.key, overview = body.classList.contains("overview");
    if (!goto.hidden) { if (k === "Escape") closeOverlays(); return; }
    if (!help.hidden && (k === "Escape" || k === "?")) { closeOverlays(); e.preventDefault(); return; }
    if (k === "ArrowRight" || k === "ArrowDown" || k === "PageDown" || (k === " " && !e.shiftKey)) next();
    else if (k === "ArrowLeft" || k === "ArrowUp" || k === "PageUp" || (k === " " && e.shiftKey)) prev();
    else if (k === "Home") show(0, 0);
    else if (k === "End") show(slides.length - 1, -1);
    else if (k === "o" || k === "Escape") toggleOverview(k === "o" ? !overview : false);
    else if (k === "b" || k === ".") { black.hidden = !black.hidden; announce(true); }
    else if (k === "f") { if (doc.fullscreenElement) doc.exitFullscreen(); else if (root.requestFullscreen) root.requestFullscreen(); }
    else if (k === "s") openSpeaker();
    else if (k === "g") { goto.hidden = false; q("input", goto).value = ""; q("input", goto).focus(); }
    else if (k === "?") help.hidden = false;
    else return;
    e.preventDefault();
  });
  var touchX = null;
  addEventListener("touchstart", function (e) { touchX = e.touches[0].clientX; }, { passive: true });
  addEventListener("touchend", function (e) {
    if (touchX === null) return;
    var dx = e.changedTouches[0].clientX - touchX;
    touchX = null;
    if (Math.abs(dx) > 40) { if (dx < 0) next(); else prev(); }
  });
  /* Moves asked for by scripts of the page (the `lectern present` bridge):
     a slide and step, the blackout, the timer. */
  doc.addEventListener("lectern:go", function (e) {
    var d = e.detail || {};
    if (typeof d.black === "boolean" && !isSpeaker) black.hidden = !d.black;
    if (d.timer) setTimer(d.timer);
    if (typeof d.n === "number" && (d.n !== current || (d.f || 0) !== step)) show(d.n, d.f || 0, true);
  });
  addEventListener("hashchange", function () { if (fromHash() !== current) show(fromHash(), 0); });
  addEventListener("resize", scale);

  if (isSpeaker) buildSpeaker();
  scale();
  show(fromHash(), 0, isSpeaker);
  if (isSpeaker) send({ hello: true });
  function refit() { fitAll(function () { if (isSpeaker) renderSpeaker(); deck.setAttribute("data-ready", "true"); }); }
  if (doc.fonts && doc.fonts.ready) doc.fonts.ready.then(refit); else refit();
})();{% endraw %}
