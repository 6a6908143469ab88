// journey serve: keeps the page up to date over Server-Sent Events. A map
// page swaps in its new picture, findings and scores without a reload and
// keeps its scroll position; an invalid map keeps its last good picture,
// dimmed, under its errors. The index swaps in its rows.
(function () {
  "use strict";
  var b = document.body;
  var status = document.getElementById("status");
  var delay = 500;
  function say(s) { if (status) status.textContent = s; }
  function $(id) { return document.getElementById(id); }
  function query() {
    var q = "?v=" + (b.dataset.version || 0) + "&i=" + encodeURIComponent(b.dataset.instance || "");
    if (b.dataset.page === "map") {
      q += "&map=" + encodeURIComponent(b.dataset.map) + "&view=" + b.dataset.view + "&sv=" + (b.dataset.svgVersion || 0);
    }
    return "/events" + q;
  }
  function fresh(m) {
    if (m.instance !== b.dataset.instance) return true; // the server started again
    return m.version > Number(b.dataset.version || 0);
  }
  function onState(ev) {
    var m = JSON.parse(ev.data);
    if (!fresh(m)) return;
    var pic = $("picture");
    if (m.svg !== null) {
      var x = pic.scrollLeft, y = pic.scrollTop, wx = window.scrollX, wy = window.scrollY;
      pic.innerHTML = m.svg;
      pic.scrollLeft = x; pic.scrollTop = y;
      window.scrollTo(wx, wy);
      b.dataset.svgVersion = m.svgVersion;
    }
    pic.classList.toggle("stale", !m.ok);
    var ov = $("overlay");
    ov.hidden = m.ok;
    $("problem").textContent = m.problem || "";
    $("errors").innerHTML = m.errors || "";
    $("findings").innerHTML = m.findings || "";
    $("scores").innerHTML = m.scores || "";
    var notes = $("notes");
    notes.textContent = "";
    (m.notes || []).forEach(function (n) { var li = document.createElement("li"); li.textContent = n; notes.appendChild(li); });
    $("title").textContent = m.title;
    document.title = m.title + " · journey serve";
    b.dataset.version = m.version;
    b.dataset.instance = m.instance;
    b.dataset.ok = m.ok ? "true" : "false";
    window.journeyUpdated = { version: m.version, svgVersion: m.svgVersion, ok: m.ok, at: Date.now() };
    say(m.ok ? "live · rendered in " + m.tookMs + " ms" : "live · the map has errors");
  }
  function onIndex(ev) {
    var m = JSON.parse(ev.data);
    if (!fresh(m)) return;
    $("rows").innerHTML = m.rows;
    b.dataset.version = m.version;
    b.dataset.instance = m.instance;
    window.journeyUpdated = { version: m.version, at: Date.now() };
  }
  function onGone() {
    var pic = $("picture");
    if (pic) pic.classList.add("stale");
    var ov = $("overlay");
    if (ov) {
      ov.hidden = false;
      $("problem").textContent = "This map was deleted or moved.";
      $("errors").innerHTML = '<p><a href="/">← All maps</a></p>';
    }
    b.dataset.gone = "true";
    say("gone");
  }
  var es;
  function connect() {
    es = new EventSource(query());
    es.addEventListener("open", function () { delay = 500; say(b.dataset.page === "map" && b.dataset.ok === "false" ? "live · the map has errors" : "live"); });
    es.addEventListener("state", onState);
    es.addEventListener("index", onIndex);
    es.addEventListener("gone", function () { es.close(); onGone(); });
    es.addEventListener("error", function () {
      say("reconnecting…");
      if (es.readyState === EventSource.CLOSED && b.dataset.gone !== "true") {
        // The browser gave up (the server is gone): try again, slower each time.
        setTimeout(connect, delay);
        delay = Math.min(delay * 2, 10000);
      }
    });
  }
  if (b.dataset.page === "map") b.dataset.ok = $("picture").classList.contains("stale") ? "false" : "true";
  connect();
})();
