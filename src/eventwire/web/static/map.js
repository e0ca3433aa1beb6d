// Map: events per resolved place on the bundled Natural Earth outlines (no tiles, no network).
// Points that would overlap at the current zoom are merged into one circle showing their count.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var svg = document.getElementById("map");
  var land = document.getElementById("land");
  var layer = document.getElementById("points");
  var panel = document.getElementById("map-panel");
  var status = document.getElementById("map-status");
  var form = document.querySelector("form.filters");
  var view = { x: 0, y: 0, w: 360, h: 180 };
  var places = [];
  var CELL_PX = 34;

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }
  function params() {
    var p = new URLSearchParams();
    new FormData(form).forEach(function (v, k) { if (v !== "") p.append(k, v); });
    p.delete("sort");
    return p;
  }
  function pxPerUnit() { return (svg.clientWidth || 720) / view.w; }

  function setView(x, y, w) {
    w = Math.max(2, Math.min(360, w));
    var h = w / 2;
    view = { x: Math.max(0, Math.min(360 - w, x)), y: Math.max(0, Math.min(180 - h, y)), w: w, h: h };
    svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
    drawPoints();
  }
  function zoom(factor, cx, cy) {
    if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
    var w = view.w / factor;
    setView(cx - (cx - view.x) / factor, cy - (cy - view.y) / factor, w);
  }

  function clusters() {
    var cell = CELL_PX / pxPerUnit(), groups = {};
    places.forEach(function (p) {
      var x = p.lon + 180, y = 90 - p.lat;
      var key = Math.floor(x / cell) + ":" + Math.floor(y / cell);
      var g = groups[key] || (groups[key] = { x: 0, y: 0, events: 0, places: [] });
      g.x += x * p.events; g.y += y * p.events; g.events += p.events; g.places.push(p);
    });
    return Object.keys(groups).map(function (k) {
      var g = groups[k];
      g.x /= g.events; g.y /= g.events;
      g.places.sort(function (a, b) { return b.events - a.events; });
      return g;
    });
  }

  function drawPoints() {
    layer.textContent = "";
    var unit = 1 / pxPerUnit(), shown = 0;
    clusters().forEach(function (g) {
      var r = (5 + 3.5 * Math.log2(g.events + 1)) * unit;
      var top = g.places[0];
      var label = g.events + " events at " + (top.place || "an unnamed place") +
        (g.places.length > 1 ? " and " + (g.places.length - 1) + " more places" : "");
      var node = el("g", { class: g.places.length > 1 ? "cluster merged" : "cluster", tabindex: "0", role: "button",
                          "aria-label": label, "data-events": g.events, "data-places": g.places.length }, layer);
      el("circle", { cx: g.x, cy: g.y, r: r }, node);
      var t = el("text", { x: g.x, y: g.y, "font-size": 11 * unit, "text-anchor": "middle",
                           "dominant-baseline": "central" }, node);
      t.textContent = String(g.events);
      el("title", {}, node).textContent = label;
      node.addEventListener("click", function () { showPanel(g); });
      node.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); e.stopPropagation(); showPanel(g); }
      });
      shown += 1;
    });
    status.textContent = places.length + " places, " + shown + " circles at this zoom";
  }

  function showPanel(g) {
    panel.textContent = "";
    var h = document.createElement("h2");
    h.textContent = g.events + " events at " + g.places.length + (g.places.length > 1 ? " places" : " place");
    panel.appendChild(h);
    var list = document.createElement("ul");
    list.className = "plain";
    var base = params();
    g.places.slice(0, 50).forEach(function (p) {
      var li = document.createElement("li"), a = document.createElement("a");
      var q = new URLSearchParams(base);
      q.set("bbox", [p.lon - 0.0005, p.lat - 0.0005, p.lon + 0.0005, p.lat + 0.0005].map(function (v) {
        return v.toFixed(4); }).join(","));
      a.href = "/events?" + q.toString();
      a.textContent = (p.place || "unnamed") + (p.place_country ? " (" + p.place_country + ")" : "");
      li.appendChild(a);
      li.appendChild(document.createTextNode(" " + p.events + " events · " + p.lat.toFixed(3) + ", " +
                                             p.lon.toFixed(3) + " · " + (p.place_precision || "")));
      list.appendChild(li);
    });
    panel.appendChild(list);
    if (g.places.length > 1) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = "Zoom here";
      b.addEventListener("click", function () { zoom(4, g.x, g.y); svg.focus(); });
      panel.appendChild(b);
    }
  }

  // zoom and pan: buttons, wheel, drag, keyboard
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(2); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(0.5); });
  document.getElementById("zoom-reset").addEventListener("click", function () { setView(0, 0, 360); });
  svg.addEventListener("wheel", function (e) {
    e.preventDefault();
    var pt = svg.createSVGPoint();
    pt.x = e.clientX; pt.y = e.clientY;
    var p = pt.matrixTransform(svg.getScreenCTM().inverse());
    zoom(e.deltaY < 0 ? 1.5 : 1 / 1.5, p.x, p.y);
  }, { passive: false });
  var drag = null;
  svg.addEventListener("pointerdown", function (e) {
    if (e.target.closest(".cluster")) return;
    drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y };
    svg.setPointerCapture(e.pointerId);
  });
  svg.addEventListener("pointermove", function (e) {
    if (!drag) return;
    var k = 1 / pxPerUnit();
    setView(drag.vx - (e.clientX - drag.x) * k, drag.vy - (e.clientY - drag.y) * k, view.w);
  });
  svg.addEventListener("pointerup", function () { drag = null; });
  svg.addEventListener("keydown", function (e) {
    var step = view.w / 8, keys = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step],
                                   ArrowDown: [0, step] };
    if (keys[e.key]) { e.preventDefault(); setView(view.x + keys[e.key][0], view.y + keys[e.key][1], view.w); }
    else if (e.key === "+" || e.key === "=") { e.preventDefault(); zoom(2); }
    else if (e.key === "-") { e.preventDefault(); zoom(0.5); }
  });
  window.addEventListener("resize", drawPoints);

  function json(url) {
    return fetch(url).then(function (r) { return r.json(); });
  }
  Promise.all([json("/static/world.json"), json("/v1/places?" + params().toString())]).then(function (got) {
    got[0].countries.forEach(function (c) {
      var path = el("path", { d: c.d, class: "country", "data-iso": c.iso }, land);
      el("title", {}, path).textContent = c.name;
    });
    if (!got[1].ok) { status.textContent = got[1].error.message; document.body.dataset.ready = "1"; return; }
    places = got[1].data;
    drawPoints();
    document.body.dataset.ready = "1";
  }).catch(function () { status.textContent = "The map could not be loaded."; });
})();
