// journey: the interactive map page. Reads the touchpoints from the JSON
// block, ties every drawn element of a touchpoint's column to it, shows a
// touchpoint's details on hover, tap or keyboard focus, and fades what the
// filters leave out. It builds the details with textContent only.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("journey-data").textContent);
  var L = data.labels;
  var byId = {};
  data.touchpoints.forEach(function (t) { byId[t.id] = t; });
  var svg = document.querySelector("#map svg");
  var body = document.getElementById("details-body");
  var pinned = null;

  // Tie each element under the grid to the touchpoint whose column holds it.
  var cols = [];
  var top = Infinity, bottom = -Infinity;
  if (svg) {
    svg.querySelectorAll("[data-id]").forEach(function (el) {
      var id = el.getAttribute("data-id");
      if (!byId[id] || el.classList.contains("stage")) return;
      el.setAttribute("data-tp", id);
      var b = el.getBBox();
      if (el.classList.contains("card")) cols.push({ id: id, x0: b.x, x1: b.x + b.width });
      top = Math.min(top, b.y);
      bottom = Math.max(bottom, b.y + b.height);
    });
    svg.querySelectorAll(".lane-label").forEach(function (el) {
      top = Math.min(top, el.getBBox().y);
    });
    svg.querySelectorAll("rect:not([data-tp]),path:not([data-tp]),circle:not([data-tp]),text").forEach(function (el) {
      if (el.classList.contains("lane-label") || el.classList.contains("footer")) return;
      var b = el.getBBox();
      var cx = b.x + b.width / 2, cy = b.y + b.height / 2;
      if (cy < top || cy > bottom) return;
      for (var i = 0; i < cols.length; i++) {
        if (cx >= cols[i].x0 - 0.5 && cx <= cols[i].x1 + 0.5) { el.setAttribute("data-tp", cols[i].id); return; }
      }
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function section(title, items, fill) {
    if (!items || !items.length) return null;
    var s = el("div");
    s.appendChild(el("h4", null, title));
    var ul = el("ul");
    items.forEach(function (it) { var li = el("li"); fill(li, it); ul.appendChild(li); });
    s.appendChild(ul);
    return s;
  }
  function show(id) {
    var t = byId[id];
    if (!t) return;
    body.textContent = "";
    body.appendChild(el("h3", null, t.name));
    body.appendChild(el("p", "sub", L.stage + ": " + t.stage));
    if (t.description) body.appendChild(el("p", null, t.description));
    var dl = el("dl");
    function row(k, v) { if (!v) return; dl.appendChild(el("dt", null, k)); dl.appendChild(el("dd", null, v)); }
    row(L.channel, t.channel);
    row(L.owner, t.owner);
    row(L.actors, (t.actors || []).join(", "));
    row(L.moment, t.moment);
    row(L.action, t.action);
    row(L.thought, t.thought);
    if (dl.childNodes.length) body.appendChild(dl);
    var parts = [
      section(L.emotions, t.emotions, function (li, e) {
        li.textContent = (e.persona ? e.persona + ": " : "") + e.value + " (" + e.level + ")";
      }),
      section(L.pains, t.pains, function (li, p) {
        li.textContent = p.text;
        if (p.severity) li.appendChild(el("span", "sub", " — " + L.severity + ": " + p.severity));
        if (p.evidence) li.appendChild(el("div", "sub", p.evidence));
      }),
      section(L.opportunities, t.opportunities, function (li, o) {
        li.textContent = o.text;
        var m = [];
        if (o.status) m.push(L.status + ": " + o.status);
        if (o.impact) m.push(L.impact + " " + o.impact + "/5");
        if (o.effort) m.push(L.effort + " " + o.effort + "/5");
        if (o.owner) m.push(L.owner + ": " + o.owner);
        if (m.length) li.appendChild(el("div", "sub", m.join(" · ")));
      }),
      section(L.metrics, t.metrics, function (li, m) {
        var s = m.label + ": " + m.value;
        if (m.margin) s += " " + m.margin;
        if (m.n) s += " (" + L.n + " = " + m.n + (m.small ? ", " + L.small : "") + ")";
        li.textContent = s;
        if (m.target) li.appendChild(el("div", "sub", L.target + " " + m.target + (m.status ? " — " + m.status : "")));
      })
    ];
    parts.forEach(function (p) { if (p) body.appendChild(p); });
    mark(id);
  }
  function mark(id) {
    document.querySelectorAll(".picked").forEach(function (e) { e.classList.remove("picked"); });
    document.querySelectorAll(".tplist button[aria-pressed]").forEach(function (b) { b.removeAttribute("aria-pressed"); });
    if (!id) return;
    if (svg) svg.querySelectorAll('.card[data-tp="' + CSS.escape(id) + '"]').forEach(function (e) { e.classList.add("picked"); });
    var b = document.querySelector('.tplist button[data-tp="' + CSS.escape(id) + '"]');
    if (b) b.setAttribute("aria-pressed", "true");
  }
  function tpOf(target) {
    var e = target && target.closest ? target.closest("[data-tp]") : null;
    return e ? e.getAttribute("data-tp") : null;
  }
  if (svg) {
    svg.addEventListener("pointerover", function (ev) {
      var id = tpOf(ev.target);
      if (id && !pinned) show(id);
    });
    svg.addEventListener("click", function (ev) {
      var id = tpOf(ev.target);
      if (!id) return;
      pinned = pinned === id ? null : id;
      show(id);
    });
  }
  document.querySelectorAll(".tplist button[data-tp]").forEach(function (b) {
    var id = b.getAttribute("data-tp");
    b.addEventListener("focus", function () { if (!pinned) show(id); });
    b.addEventListener("click", function () {
      pinned = id;
      show(id);
      var card = svg && svg.querySelector('.card[data-tp="' + CSS.escape(id) + '"]');
      if (card && card.scrollIntoView) card.scrollIntoView({ block: "nearest", inline: "center" });
    });
  });

  // Filters: persona, channel and owner fade the touchpoints they leave out.
  var form = document.getElementById("filters");
  function apply() {
    var f = {};
    form.querySelectorAll("select[data-filter]").forEach(function (s) { f[s.getAttribute("data-filter")] = s.value; });
    var keep = {}, n = 0;
    data.touchpoints.forEach(function (t) {
      var ok = (!f.persona || t.personas.indexOf(f.persona) >= 0) &&
        (!f.channel || t.channelId === f.channel) && (!f.owner || t.ownerId === f.owner);
      keep[t.id] = ok;
      if (ok) n++;
    });
    document.querySelectorAll("#map [data-tp], .tplist button[data-tp]").forEach(function (e) {
      e.classList.toggle("faded", !keep[e.getAttribute("data-tp")]);
    });
    document.querySelectorAll(".curve-fig").forEach(function (fig) {
      var p = fig.getAttribute("data-persona");
      fig.classList.toggle("faded", !!f.persona && p !== f.persona);
    });
    var status = document.getElementById("filter-status");
    var active = f.persona || f.channel || f.owner;
    if (status) status.textContent = active ? n + " / " + data.touchpoints.length : "";
  }
  if (form) {
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  }
})();
