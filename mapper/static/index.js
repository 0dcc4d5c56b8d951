/* territory-mapper index page: the intervals arrive once; the state of each date is computed here. */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("tm-data").textContent);
  var S = D.strings;
  var iv = D.intervals;
  var nPlaces = D.places.length;
  var STATUS = D.statuses;
  var DAY_MS = 86400000;

  function dayNumber(iso) { return Math.round(Date.parse(iso + "T00:00:00Z") / DAY_MS); }
  function isoDay(n) { return new Date(n * DAY_MS).toISOString().slice(0, 10); }

  // Where each place's intervals start in the (place, start)-sorted columns.
  var first = new Int32Array(nPlaces).fill(-1), count = new Int32Array(nPlaces);
  for (var k = 0; k < iv.place.length; k++) {
    var p = iv.place[k];
    if (first[p] < 0) first[p] = k;
    count[p]++;
  }

  function intervalAt(p, day) {
    var lo = first[p], hi = lo + count[p] - 1, found = -1;
    if (lo < 0) return -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (iv.start[mid] <= day) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    if (found < 0) return -1;
    var end = iv.end[found];
    return end < 0 || day < end ? found : -1;
  }

  var map = L.map("map", { preferCanvas: true, zoomControl: true });
  // One canvas per layer, in panes stacked in drawing order: a date step redraws only the canvases whose
  // layers changed (markers and cells), never the outlines beneath them.
  function pane(name, z) { map.createPane(name).style.zIndex = String(z); return L.canvas({ padding: 0.3, pane: name }); }
  var outlineRenderer = pane("tm-outlines", 250), zoneRenderer = pane("tm-zones", 300);
  var frontRenderer = pane("tm-fronts", 350), renderer = pane("tm-places", 400);
  var outlines = L.geoJSON(D.outlines, {
    renderer: outlineRenderer, interactive: false,
    style: function (f) {
      var admin = f.properties.level === "admin1";
      return { color: admin ? "#999" : "#555", weight: admin ? 0.6 : 1.2, fill: !admin,
               fillColor: "#f4f1ea", fillOpacity: admin ? 0 : 1 };
    }
  });
  var outlineLayer = L.layerGroup([outlines]).addTo(map);
  var online = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 18, attribution: "&copy; OpenStreetMap contributors"
  });
  var zones = L.layerGroup().addTo(map);
  var fronts = L.layerGroup().addTo(map);
  var places = L.layerGroup().addTo(map);

  function actorOf(k) { return iv.actor[k] < 0 ? null : D.actorList[iv.actor[k]]; }
  function colourOf(actor) { return actor && D.actors[actor] ? D.actors[actor].colour : "#aaaaaa"; }

  var markers = new Array(nPlaces), cells = new Array(nPlaces), current = new Int32Array(nPlaces).fill(-2);
  var bounds = [];
  D.places.forEach(function (pl, p) {
    var m = L.circleMarker([pl[2], pl[3]], { renderer: renderer, radius: 6 });
    m.placeIndex = p;
    m.bindPopup(function () { return window.territoryPopup(props(p, current[p])); }, { maxWidth: 360 });
    markers[p] = m;
    bounds.push([pl[2], pl[3]]);
  });
  D.cells.forEach(function (c) {
    var poly = L.polygon(c[1], { renderer: zoneRenderer, stroke: false, interactive: false });
    cells[c[0]] = poly;
  });
  var edges = D.edges.map(function (e) {
    return { a: e[0], b: e[1], line: L.polyline(e[2], { renderer: frontRenderer, color: "#d60000", weight: 2.5,
                                                       dashArray: "6,4", interactive: false }), on: false };
  });
  var allied = {};
  D.allies.forEach(function (pair) { allied[pair[0] + "|" + pair[1]] = allied[pair[1] + "|" + pair[0]] = true; });

  function props(p, k) {
    var pl = D.places[p];
    if (k < 0) return { name: pl[1], status: "unknown" };
    var actor = actorOf(k);
    return {
      place_id: pl[0], name: pl[1], actor: actor, actorName: actor && D.actors[actor] ? D.actors[actor].name : actor,
      status: STATUS[iv.status[k]], actors: S[iv.actors[k]], since: isoDay(iv.start[k]),
      until: iv.end[k] < 0 ? null : isoDay(iv.end[k]), confidence: iv.confidence[k], reports: iv.reports[k],
      evidence: S[iv.evidence[k]], source: S[iv.source[k]], url: S[iv.url[k]], evidence_date: S[iv.evidence_date[k]],
      origin: S[iv.origin[k]], note: S[iv.note[k]]
    };
  }

  function markerStyle(k) {
    var status = STATUS[iv.status[k]], actor = actorOf(k);
    if (status === "contested") return { fillColor: actor ? colourOf(actor) : "#ffffff", fillOpacity: 0.9,
                                         color: "#9400d3", weight: 3, dashArray: "3,2", radius: 7 };
    if (status === "besieged") return { fillColor: colourOf(actor), fillOpacity: 0.9, color: "#000000", weight: 3,
                                        dashArray: "2,2", radius: 7 };
    if (status === "unknown") return { fillColor: "#cccccc", fillOpacity: 0.6, color: "#777777", weight: 1,
                                       dashArray: null, radius: 5 };
    return { fillColor: colourOf(actor), fillOpacity: 0.9, color: "#333333", weight: 1, dashArray: null, radius: 6 };
  }

  function zoneClass(k) {
    if (k < 0) return null;
    var status = STATUS[iv.status[k]];
    if (status === "contested") return "contested";
    if (status === "unknown") return null;
    return actorOf(k);
  }

  var index = -1, playing = null, lastStep = 0;
  var slider = document.getElementById("tm-slider");
  var label = document.getElementById("tm-date");
  var changesBox = document.getElementById("tm-changes");
  var mapLink = document.getElementById("tm-maplink");
  slider.max = String(Math.max(D.dates.length - 1, 0));

  function render(day) {
    var t0 = performance.now();
    var changed = [];
    for (var p = 0; p < nPlaces; p++) {
      var k = intervalAt(p, day);
      if (k === current[p]) continue;
      var before = current[p];
      current[p] = k;
      var m = markers[p];
      if (k < 0) {
        places.removeLayer(m);
      } else {
        m.setStyle(markerStyle(k));
        m.setRadius(markerStyle(k).radius);
        if (!places.hasLayer(m)) places.addLayer(m);
      }
      var cell = cells[p];
      if (cell) {
        var z = zoneClass(k);
        if (z === null) { zones.removeLayer(cell); } else {
          cell.setStyle({ fillColor: z === "contested" ? "#9400d3" : colourOf(z), fillOpacity: 0.28 });
          if (!zones.hasLayer(cell)) zones.addLayer(cell);
        }
      }
      changed.push(p);
      if (before === -2) continue;
    }
    for (var e = 0; e < edges.length; e++) {
      var ed = edges[e], za = zoneClass(current[ed.a]), zb = zoneClass(current[ed.b]);
      var on = za !== null && zb !== null && za !== zb && za !== "contested" && zb !== "contested" && !allied[za + "|" + zb];
      if (on !== ed.on) { ed.on = on; if (on) fronts.addLayer(ed.line); else fronts.removeLayer(ed.line); }
    }
    lastStep = performance.now() - t0;
    return changed;
  }

  function describe(p, k) {
    if (k < 0) return "nobody known";
    var s = STATUS[iv.status[k]], a = actorOf(k);
    if (s === "contested") return "contested" + (S[iv.actors[k]] ? " (" + S[iv.actors[k]].split("|").join(", ") + ")" : "");
    return (a || "unknown") + (s === "controlled" ? "" : " (" + s + ")");
  }

  function showChanges(day) {
    changesBox.textContent = "";
    var rows = [];
    for (var p = 0; p < nPlaces; p++) {
      var k = current[p];
      if (k >= 0 && iv.start[k] === day) {
        var prev = k > first[p] && iv.end[k - 1] === day ? k - 1 : -1;
        rows.push([D.places[p][1], describe(p, prev), describe(p, k), p]);
      }
    }
    rows.sort(function (x, y) { return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0; });
    var head = document.createElement("h3");
    head.textContent = rows.length + (rows.length === 1 ? " change" : " changes") + " on " + isoDay(day);
    changesBox.appendChild(head);
    var list = document.createElement("ul");
    rows.forEach(function (r) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "#";
      a.textContent = r[0];
      a.addEventListener("click", function (ev) {
        ev.preventDefault();
        map.setView(markers[r[3]].getLatLng(), Math.max(map.getZoom(), 10));
        markers[r[3]].openPopup();
      });
      li.appendChild(a);
      li.appendChild(document.createTextNode(": " + r[1] + " \u2192 " + r[2]));
      list.appendChild(li);
    });
    changesBox.appendChild(list);
  }

  function setIndex(i) {
    if (!D.dates.length) return;
    i = Math.max(0, Math.min(D.dates.length - 1, i));
    index = i;
    var iso = D.dates[i], day = dayNumber(iso);
    render(day);
    slider.value = String(i);
    label.textContent = iso;
    showChanges(day);
    if (D.maps[iso]) { mapLink.href = D.maps[iso]; mapLink.style.visibility = "visible"; }
    else { mapLink.removeAttribute("href"); mapLink.style.visibility = "hidden"; }
    if (history.replaceState) history.replaceState(null, "", "#" + iso);
  }

  function play() {
    var button = document.getElementById("tm-play");
    if (playing) { clearInterval(playing); playing = null; button.textContent = "\u25b6"; return; }
    if (index >= D.dates.length - 1) setIndex(0);
    button.textContent = "\u275a\u275a";
    playing = setInterval(function () {
      if (index >= D.dates.length - 1) { play(); return; }
      setIndex(index + 1);
    }, 900);
  }

  slider.addEventListener("input", function () { setIndex(parseInt(slider.value, 10)); });
  document.getElementById("tm-prev").addEventListener("click", function () { setIndex(index - 1); });
  document.getElementById("tm-next").addEventListener("click", function () { setIndex(index + 1); });
  document.getElementById("tm-play").addEventListener("click", play);
  document.addEventListener("keydown", function (ev) {
    if (ev.target === slider) return;  // the slider moves itself
    if (ev.key === "ArrowLeft") { setIndex(index - 1); ev.preventDefault(); }
    if (ev.key === "ArrowRight") { setIndex(index + 1); ev.preventDefault(); }
  });

  // Legend.
  var legend = L.control({ position: "bottomleft" });
  legend.onAdd = function () {
    var box = L.DomUtil.create("div", "tm-legend");
    Object.keys(D.actors).forEach(function (a) {
      var row = document.createElement("div");
      var sw = document.createElement("span");
      sw.className = "tm-swatch";
      sw.style.background = D.actors[a].colour;
      row.appendChild(sw);
      row.appendChild(document.createTextNode(D.actors[a].name));
      box.appendChild(row);
    });
    [["tm-swatch tm-contested", "contested"], ["tm-swatch tm-besieged", "besieged"],
     ["tm-swatch tm-front", "front line"]].forEach(function (x) {
      var row = document.createElement("div"), sw = document.createElement("span");
      sw.className = x[0];
      row.appendChild(sw);
      row.appendChild(document.createTextNode(x[1]));
      box.appendChild(row);
    });
    return box;
  };
  legend.addTo(map);
  L.control.layers({ "Outlines (offline)": outlineLayer, "OpenStreetMap (online)": online },
                   { "Places": places, "Control zones": zones, "Front lines": fronts },
                   { collapsed: false }).addTo(map);
  L.control.scale({ imperial: false }).addTo(map);

  if (bounds.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 10 });
  else map.setView([35, 40], 6);

  // #YYYY-MM-DD opens the map on that date (the last change on or before it).
  var asked = (location.hash || "").slice(1), wanted = D.dates.length - 1;
  if (/^\d{4}-\d{2}-\d{2}$/.test(asked)) {
    wanted = -1;
    for (var w = 0; w < D.dates.length; w++) if (D.dates[w] <= asked) wanted = w;
  }
  setIndex(Math.max(wanted, 0));

  // For tests and scripts: what the map shows, read from the Leaflet layers themselves.
  window.territoryMap = {
    dates: D.dates,
    map: map,
    setIndex: setIndex,
    index: function () { return index; },
    lastStepMs: function () { return lastStep; },
    markers: function () {
      var out = [];
      places.eachLayer(function (m) {
        var pl = D.places[m.placeIndex];
        out.push({ place_id: pl[0], name: pl[1], fill: m.options.fillColor, color: m.options.color,
                   status: STATUS[iv.status[current[m.placeIndex]]], actor: actorOf(current[m.placeIndex]) });
      });
      return out;
    },
    zones: function () { var n = 0; zones.eachLayer(function () { n++; }); return n; },
    fronts: function () { var n = 0; fronts.eachLayer(function () { n++; }); return n; },
    markerFor: function (placeId) {
      for (var p = 0; p < nPlaces; p++) if (D.places[p][0] === placeId) return markers[p];
      return null;
    }
  };
})();
