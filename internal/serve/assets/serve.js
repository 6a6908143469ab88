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
  // html swaps in a fragment only when it changed: a 200-row score table
  // costs a layout.
  var last = {};
  function html(id, s) {
    if (s === null || s === undefined || last[id] === s) return; // null: unchanged
    last[id] = s;
    $(id).innerHTML = s;
  }
  function onState(ev) {
    var recv = Date.now();
    var m = JSON.parse(ev.data);
    if (!fresh(m)) return;
    var pic = $("picture");
    if (m.svg !== null || m.patch) {
      var x = pic.scrollLeft, y = pic.scrollTop, wx = window.scrollX, wy = window.scrollY;
      if (m.patch) patch(pic.querySelector("svg"), m.patch);
      else pic.innerHTML = m.svg;
      pic.scrollLeft = x; pic.scrollTop = y;
      window.scrollTo(wx, wy);
      b.dataset.svgVersion = m.svgVersion;
    }
    pic.classList.toggle("stale", !m.ok);
    var ov = $("overlay");
    ov.hidden = m.ok;
    $("problem").textContent = m.problem || "";
    html("errors", m.errors);
    html("findings", m.findings);
    html("scores", m.scores);
    var notes = $("notes");
    notes.textContent = "";
    (m.notes || []).forEach(function (n) { var li = document.createElement("li"); li.textContent = n; notes.appendChild(li); });
    $("title").textContent = m.title;
    document.title = m.title + " · journey serve";
    b.dataset.version = m.version;
    b.dataset.instance = m.instance;
    b.dataset.ok = m.ok ? "true" : "false";
    var u = window.journeyUpdated = { version: m.version, svgVersion: m.svgVersion, ok: m.ok, patched: !!m.patch, received: recv, at: Date.now() };
    // After the next frame: the new picture is on screen (bench/serve.sh).
    requestAnimationFrame(function () { setTimeout(function () { u.painted = Date.now(); }, 0); });
    say(m.ok ? "live · rendered in " + m.tookMs + " ms" : "live · the map has errors");
  }
  // patch replaces the run of the drawing's elements that changed
  // (internal/serve/patch.go): only those are laid out and painted again.
  function patch(svg, p) {
    for (var h = p.hunks.length - 1; h >= 0; h--) {
      var k = p.hunks[h], kids = svg.children;
      for (var i = k.at + k.remove - 1; i >= k.at; i--) svg.removeChild(kids[i]);
      var tmp = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      tmp.innerHTML = k.insert;
      var ref = svg.children[k.at] || null;
      while (tmp.firstElementChild) svg.insertBefore(tmp.firstElementChild, ref);
    }
    if (p.root) {
      var t = document.createElement("template");
      t.innerHTML = p.root + "</svg>";
      var r = t.content.firstElementChild;
      Array.prototype.slice.call(svg.attributes).forEach(function (a) { if (!r.hasAttribute(a.name)) svg.removeAttribute(a.name); });
      Array.prototype.slice.call(r.attributes).forEach(function (a) { svg.setAttribute(a.name, a.value); });
    }
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
