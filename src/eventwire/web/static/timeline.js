// Timeline: events per day by type as stacked bars, drawn from /v1/timeline with the page's filters.
// Dragging across the chart zooms into that date range by resubmitting the filter form.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var COLOURS = ["#1b6ca8", "#d1495b", "#66a182", "#edae49", "#8e5572", "#00798c", "#30638e", "#b9a44c",
                 "#5c415d", "#e07a5f", "#3d405b", "#81b29a", "#6d597a", "#b56576", "#355070", "#9a031e"];
  var form = document.querySelector("form.filters");
  var box = document.getElementById("timeline");
  var legend = document.getElementById("timeline-legend");
  var tbody = document.querySelector("#timeline-table tbody");
  var rangeLabel = document.getElementById("range");
  var DAY = 86400000;

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }
  function iso(t) { return new Date(t).toISOString().slice(0, 10); }
  function parseDay(s) { return Date.parse(s.slice(0, 10) + "T00:00:00Z"); }
  function params() {
    var p = new URLSearchParams();
    new FormData(form).forEach(function (v, k) { if (v !== "") p.append(k, v); });
    p.delete("sort");
    return p;
  }
  function submitRange(since, until) {
    form.elements.since.value = since || "";
    form.elements.until.value = until || "";
    form.requestSubmit();
  }

  // Without a chosen range, show the days that hold the central 95% of events, so that one
  // event dated decades away does not squeeze everything else into a single pixel.
  function typicalSpan(rows) {
    var total = rows.reduce(function (s, r) { return s + r.events; }, 0), seen = 0, lo = null, hi = null;
    rows.forEach(function (r) {
      seen += r.events;
      if (lo === null && seen > total * 0.025) lo = r.day;
      if (hi === null && seen >= total * 0.975) hi = r.day;
    });
    return [parseDay(lo || rows[0].day), parseDay(hi || rows[rows.length - 1].day)];
  }

  function draw(rows) {
    box.textContent = "";
    legend.textContent = "";
    tbody.textContent = "";
    if (!rows.length) {
      box.textContent = "No events match these filters.";
      rangeLabel.textContent = "";
      document.body.dataset.ready = "1";
      return;
    }
    var since = form.elements.since.value, until = form.elements.until.value;
    var span = typicalSpan(rows);
    var first = since ? parseDay(since + (since.length === 4 ? "-01-01" : since.length === 7 ? "-01" : "")) : span[0];
    var last = until ? parseDay(until + (until.length === 4 ? "-12-31" : until.length === 7 ? "-28" : "")) : span[1];
    var outside = rows.reduce(function (n, r) {
      var t = parseDay(r.day);
      return n + (t < first || t > last ? r.events : 0);
    }, 0);
    box.dataset.min = rows[0].day;
    box.dataset.max = rows[rows.length - 1].day;
    if (last < first) last = first;
    var days = Math.round((last - first) / DAY) + 1;
    var types = [], byDay = {}, max = 1;
    rows.forEach(function (r) {
      if (types.indexOf(r.type) < 0) types.push(r.type);
      (byDay[r.day] = byDay[r.day] || []).push(r);
    });
    types.sort();
    Object.keys(byDay).forEach(function (d) {
      var total = byDay[d].reduce(function (s, r) { return s + r.events; }, 0);
      if (total > max) max = total;
    });
    var W = 1000, H = 300, left = 40, bottom = 30, plotW = W - left - 10, plotH = H - bottom - 10;
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, class: "timeline-svg", "aria-hidden": "true" }, box);
    var bw = plotW / days;
    el("line", { x1: left, y1: 10 + plotH, x2: W - 10, y2: 10 + plotH, class: "axis" }, svg);
    el("text", { x: left - 4, y: 16, class: "tick", "text-anchor": "end" }, svg).textContent = String(max);
    el("text", { x: left - 4, y: 10 + plotH, class: "tick", "text-anchor": "end" }, svg).textContent = "0";
    var ticks = Math.min(8, days);
    for (var i = 0; i < ticks; i++) {
      var d = Math.floor(i * days / ticks);
      el("text", { x: left + d * bw, y: H - 8, class: "tick" }, svg).textContent = iso(first + d * DAY);
    }
    Object.keys(byDay).forEach(function (day) {
      var index = Math.round((parseDay(day) - first) / DAY);
      if (index < 0 || index >= days) return;
      var y = 10 + plotH;
      byDay[day].sort(function (a, b) { return types.indexOf(a.type) - types.indexOf(b.type); });
      byDay[day].forEach(function (r) {
        var h = r.events / max * plotH;
        y -= h;
        var rect = el("rect", { x: left + index * bw, y: y, width: Math.max(bw - (bw > 3 ? 1 : 0), 2), height: h,
                                fill: COLOURS[types.indexOf(r.type) % COLOURS.length], class: "bar",
                                "data-day": day, "data-type": r.type }, svg);
        el("title", {}, rect).textContent = day + " " + r.type + ": " + r.events;
      });
    });
    types.forEach(function (t, k) {
      var item = document.createElement("span");
      item.className = "key";
      var swatch = document.createElement("span");
      swatch.className = "swatch swatch-" + (k % COLOURS.length);
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(" " + t));
      legend.appendChild(item);
    });
    rows.forEach(function (r) {
      var tr = document.createElement("tr");
      [r.day, r.type, String(r.events)].forEach(function (v) {
        var td = document.createElement("td");
        td.textContent = v;
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    rangeLabel.textContent = iso(first) + " to " + iso(last) + " (" + days + " days)" +
      (outside ? "; " + outside + (outside === 1 ? " event falls" : " events fall") +
       " outside (All dates shows " + (outside === 1 ? "it)" : "them)") : "");
    brush(svg, first, bw, left, plotH, days);
    box.dataset.first = iso(first);
    box.dataset.days = String(days);
    document.body.dataset.ready = "1";
  }

  function brush(svg, first, bw, left, plotH, days) {
    var start = null, sel = null;
    function dayAt(evt) {
      var pt = svg.createSVGPoint();
      pt.x = evt.clientX; pt.y = evt.clientY;
      var x = pt.matrixTransform(svg.getScreenCTM().inverse()).x;
      return Math.max(0, Math.min(days - 1, Math.floor((x - left) / bw)));
    }
    svg.addEventListener("pointerdown", function (e) {
      start = dayAt(e);
      sel = el("rect", { x: left + start * bw, y: 10, width: bw, height: plotH, class: "brush" }, svg);
      svg.setPointerCapture(e.pointerId);
    });
    svg.addEventListener("pointermove", function (e) {
      if (start === null) return;
      var d = dayAt(e), a = Math.min(start, d), b = Math.max(start, d);
      sel.setAttribute("x", left + a * bw);
      sel.setAttribute("width", (b - a + 1) * bw);
    });
    svg.addEventListener("pointerup", function (e) {
      if (start === null) return;
      var d = dayAt(e), a = Math.min(start, d), b = Math.max(start, d);
      start = null;
      if (b > a) submitRange(iso(first + a * DAY), iso(first + b * DAY));
      else sel.remove();
    });
  }

  document.getElementById("zoom-out").addEventListener("click", function () {
    var first = box.dataset.first, days = Number(box.dataset.days || 0);
    if (!first) return;
    var mid = parseDay(first) + days * DAY / 2, half = days * DAY;
    submitRange(iso(mid - half), iso(mid + half));
  });
  document.getElementById("zoom-reset").addEventListener("click", function () {
    if (box.dataset.min) submitRange(box.dataset.min, box.dataset.max);
    else submitRange("", "");
  });

  fetch("/v1/timeline?" + params().toString())
    .then(function (r) { return r.json(); })
    .then(function (body) {
      if (!body.ok) { box.textContent = body.error.message; document.body.dataset.ready = "1"; return; }
      draw(body.data);
    })
    .catch(function () { box.textContent = "The timeline could not be loaded."; });
})();
