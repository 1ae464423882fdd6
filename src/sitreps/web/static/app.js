// sitreps web map: state, the URL, filters, the map layer and the timeline.
// Story text and every value from the database are inserted with textContent only:
// nothing a story contains is parsed as HTML.
"use strict";

const COLORS = {
  "Battles": "#d62728",
  "Explosions/Remote violence": "#ff7f0e",
  "Violence against civilians": "#8c1c7c",
  "Protests": "#2ca02c",
  "Riots": "#bcbd22",
  "Strategic developments": "#1f77b4",
  "": "#7f7f7f",
};
const TYPES = Object.keys(COLORS).filter(Boolean);
const DAY = 86400000;

// Everything a link restores lives here; writeUrl() mirrors it into the address bar.
const state = {
  hidden: new Set(),     // event types the legend hides ("" = without an ACLED type)
  event: null,           // the open event id
  place: null,           // the open place id (control panel)
  control: false,        // control layer on
  controlDate: null,     // date of the control layer
  tab: "table",
  sort: "-event_date",
  offset: 0,
  timeline: null,        // last timeline answer
};
const $ = (id) => document.getElementById(id);

function el(tag, text, attrs) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  return node;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

// ---- filters and the URL ------------------------------------------------------------------
const FILTER_INPUTS = { type: "f-type", actor: "f-actor", country: "f-country", start: "f-start", end: "f-end", conf: "f-conf" };

function filterParams(opts) {
  const o = opts || {};
  const p = new URLSearchParams();
  const set = (k, v) => { if (v) p.set(k, v); };
  set("event_type", $("f-type").value);
  set("actor", $("f-actor").value.trim());
  set("country", $("f-country").value.trim());
  if (!o.noDates) {
    set("start", $("f-start").value);
    set("end", $("f-end").value);
  }
  const conf = parseFloat($("f-conf").value);
  if (conf > 0) p.set("min_confidence", String(conf));
  if (state.hidden.size) {
    p.set("types", [...TYPES, ""].filter((t) => !state.hidden.has(t)).map((t) => t || "-").join(","));
  }
  if (o.view) p.set(o.viewName || "view", viewBox());
  return p;
}

function viewBox() {
  const b = map.getBounds();
  const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
  return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
    clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)].map((v) => v.toFixed(4)).join(",");
}

function writeUrl() {
  const p = new URLSearchParams();
  for (const [key, id] of Object.entries(FILTER_INPUTS)) {
    const v = $(id).value.trim();
    if (v && !(key === "conf" && parseFloat(v) === 0)) p.set(key, v);
  }
  if (state.hidden.size) p.set("hide", [...state.hidden].map((t) => t || "-").join(","));
  const c = map.getCenter();
  p.set("z", String(map.getZoom()));
  p.set("lat", c.lat.toFixed(4));
  p.set("lng", c.lng.toFixed(4));
  if (state.event) p.set("event", state.event);
  if (state.place) p.set("place", state.place);
  if (state.control) p.set("control", state.controlDate || "on");
  if (state.tab !== "table") p.set("tab", state.tab);
  if (state.sort !== "-event_date") p.set("sort", state.sort);
  history.replaceState(null, "", "?" + p.toString());
}

function readUrl() {
  const p = new URLSearchParams(location.search);
  for (const [key, id] of Object.entries(FILTER_INPUTS)) if (p.has(key)) $(id).value = p.get(key);
  $("f-conf-out").textContent = $("f-conf").value;
  if (p.has("hide")) state.hidden = new Set(p.get("hide").split(",").map((t) => (t === "-" ? "" : t)));
  state.event = p.get("event");
  state.place = p.get("place");
  if (p.has("control")) {
    state.control = true;
    state.controlDate = /^\d{4}-\d{2}-\d{2}$/.test(p.get("control")) ? p.get("control") : null;
  }
  if (p.has("tab")) state.tab = p.get("tab");
  if (p.has("sort")) state.sort = p.get("sort");
  const z = parseInt(p.get("z"), 10), lat = parseFloat(p.get("lat")), lng = parseFloat(p.get("lng"));
  return Number.isFinite(z) && Number.isFinite(lat) && Number.isFinite(lng) ? { z, lat, lng } : null;
}

// ---- the map ----------------------------------------------------------------------------------
const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 14 }).setView([20, 20], 2);
const eventsLayer = L.layerGroup().addTo(map);
const markers = new Map();  // event id -> circle marker, when single events are drawn

async function setupBasemap() {
  const res = await fetch("/map/config");
  const cfg = res.ok ? await res.json() : {};
  if (cfg.tiles) {
    L.tileLayer(cfg.tiles, {
      maxNativeZoom: cfg.max_native_zoom,  // beyond it Leaflet over-zooms the tiles it has
      maxZoom: 14,
      attribution: cfg.attribution,
    }).addTo(map);
  } else {
    map.attributionControl.addAttribution("no offline basemap installed");
  }
}

const legend = L.control({ position: "bottomleft" });
legend.onAdd = () => {
  const div = el("div", null, { class: "legend", id: "legend" });
  L.DomEvent.disableClickPropagation(div);
  const head = el("button", "Legend", { type: "button", class: "legend-head", "aria-expanded": "true" });
  head.addEventListener("click", () => {
    const folded = div.classList.toggle("folded");
    head.setAttribute("aria-expanded", String(!folded));
  });
  div.appendChild(head);
  if (window.innerWidth < 700) { div.classList.add("folded"); head.setAttribute("aria-expanded", "false"); }
  for (const type of [...TYPES, ""]) {
    const label = el("label", null, { class: "legend-row" });
    const box = el("input", null, { type: "checkbox", "data-type": type });
    box.checked = !state.hidden.has(type);
    box.addEventListener("change", () => {
      if (box.checked) state.hidden.delete(type); else state.hidden.add(type);
      refresh();
    });
    label.appendChild(box);
    label.appendChild(el("i", null, { style: `background:${COLORS[type]}` }));
    label.appendChild(el("span", type || "other (PLOVER only)"));
    label.appendChild(el("span", "", { class: "legend-n", "data-count": type }));
    div.appendChild(label);
  }
  const ctl = el("label", null, { class: "legend-row control-toggle" });
  const box = el("input", null, { type: "checkbox", id: "control-toggle" });
  box.checked = state.control;
  box.addEventListener("change", () => setControl(box.checked));
  ctl.appendChild(box);
  ctl.appendChild(el("span", "territorial control"));
  div.appendChild(ctl);
  return div;
};

function pieIcon(cell) {
  // A cell: a disc sized by its count, its colours the mix of event types.
  const total = cell.count;
  let acc = 0;
  const stops = [];
  for (const [type, n] of Object.entries(cell.types)) {
    const from = (acc / total) * 100;
    acc += n;
    stops.push(`${COLORS[type] || COLORS[""]} ${from.toFixed(1)}% ${((acc / total) * 100).toFixed(1)}%`);
  }
  const size = Math.round(22 + Math.min(30, Math.log10(total + 1) * 9));
  const node = el("div", null, { class: "cell" });
  node.style.width = node.style.height = size + "px";
  node.style.background = `conic-gradient(${stops.join(", ")})`;
  node.appendChild(el("span", total >= 10000 ? Math.round(total / 1000) + "k" : total));
  return L.divIcon({ html: node, className: "cell-icon", iconSize: [size, size] });
}

function drawGrid(data) {
  eventsLayer.clearLayers();
  markers.clear();
  if (data.mode === "points") {
    for (const ev of data.points) {
      const color = COLORS[ev.event_type || ""] || COLORS[""];
      const marker = L.circleMarker([ev.latitude, ev.longitude], {
        radius: 7, color: "#222", weight: 1, fillColor: color, fillOpacity: 0.9,
      });
      marker.options.eventId = ev.event_id;
      const label = `${ev.event_date || "?"} ${ev.sub_event_type || ev.event_type || ""} — ${ev.location || ""}`;
      marker.bindTooltip(el("span", label));
      marker.on("click", () => openEvent(ev.event_id));
      marker.addTo(eventsLayer);
      markers.set(ev.event_id, marker);
    }
  } else {
    for (const cell of data.cells) {
      const m = L.marker([cell.latitude, cell.longitude], { icon: pieIcon(cell), keyboard: false });
      const mix = Object.entries(cell.types).map(([t, n]) => `${t || "other"}: ${n}`).join("\n");
      m.bindTooltip(el("span", `${cell.count} events\n${mix}`, { class: "mix" }));
      m.on("click", () => map.setView([cell.latitude, cell.longitude], Math.min(map.getZoom() + 2, 14)));
      m.addTo(eventsLayer);
    }
  }
  for (const node of document.querySelectorAll("[data-count]")) {
    const n = data.types[node.dataset.count];
    node.textContent = n ? ` ${n.toLocaleString("en")}` : "";
  }
  const where = data.unlocated ? `, ${data.unlocated.toLocaleString("en")} without a place` : "";
  $("count").textContent = `${data.total.toLocaleString("en")} events, ${data.in_view.toLocaleString("en")} in view${where}`;
  markOpenEvent();
}

function markOpenEvent() {
  const marker = state.event && markers.get(state.event);
  if (!marker) return;
  marker.setStyle({ weight: 3, color: "#000", radius: 10 });
  marker.bringToFront();
  marker.openTooltip();
}

let gridSeq = 0;
async function loadGrid() {
  const seq = ++gridSeq;
  const p = filterParams({ view: true });
  p.set("zoom", String(map.getZoom()));
  const res = await fetch("/map/grid?" + p.toString());
  if (seq !== gridSeq) return;  // a newer view was asked for meanwhile
  if (!res.ok) { $("count").textContent = "query failed: " + res.status; return; }
  drawGrid(await res.json());
}

// ---- timeline: date axis, counts, brushing, play -------------------------------------------------
const SVG = "http://www.w3.org/2000/svg";
function svgEl(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  return node;
}

async function loadTimeline() {
  const res = await fetch("/map/timeline?" + filterParams({ noDates: true }).toString());
  if (!res.ok) return;
  state.timeline = await res.json();
  drawTimeline();
}

function timelineScale() {
  const svg = $("timeline");
  const width = Math.max(200, svg.clientWidth || 800);
  const bins = state.timeline ? state.timeline.bins : [];
  if (!bins.length) return null;
  const step = { day: 1, week: 7, month: 31 }[state.timeline.bucket] * DAY;
  const lo = Date.parse(bins[0].date), hi = Date.parse(bins[bins.length - 1].date) + step;
  const x = (t) => ((t - lo) / (hi - lo)) * (width - 20) + 10;
  const t = (px) => lo + ((px - 10) / (width - 20)) * (hi - lo);
  return { width, lo, hi, x, t, step };
}

function drawTimeline() {
  const svg = $("timeline");
  clear(svg);
  const height = 80, axis = 16;
  const s = timelineScale();
  svg.setAttribute("viewBox", `0 0 ${s ? s.width : 800} ${height}`);
  if (!s) return;
  const bins = state.timeline.bins;
  const max = Math.max(...bins.map((d) => d.count));
  const start = $("f-start").value, end = $("f-end").value;
  for (const d of bins) {
    const t0 = Date.parse(d.date);
    const h = Math.max(1, (d.count / max) * (height - axis - 6));
    const inBrush = (!start || t0 + s.step > Date.parse(start)) && (!end || t0 <= Date.parse(end));
    const bar = svgEl("rect", {
      class: "bar" + (inBrush ? "" : " out"), x: s.x(t0), y: height - axis - h,
      width: Math.max(1, s.x(t0 + s.step) - s.x(t0) - 1), height: h, "data-date": d.date,
    });
    const title = svgEl("title");
    title.textContent = `${d.date} (${state.timeline.bucket}): ${d.count.toLocaleString("en")}`;
    bar.appendChild(title);
    svg.appendChild(bar);
  }
  // Date axis: a tick per year, or per month when the span is short.
  svg.appendChild(svgEl("line", { class: "axis", x1: 10, x2: s.width - 10, y1: height - axis, y2: height - axis }));
  const span = s.hi - s.lo;
  const d = new Date(s.lo);
  const monthly = span < 3 * 365 * DAY;
  let tick = monthly ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) : Date.UTC(d.getUTCFullYear() + 1, 0, 1);
  const every = monthly ? Math.max(1, Math.ceil(span / (30 * DAY) / (s.width / 70))) : Math.max(1, Math.ceil(span / (365 * DAY) / (s.width / 50)));
  let i = 0;
  while (tick < s.hi) {
    const td = new Date(tick);
    if (i % every === 0) {
      svg.appendChild(svgEl("line", { class: "tick", x1: s.x(tick), x2: s.x(tick), y1: height - axis, y2: height - axis + 4 }));
      const label = svgEl("text", { class: "tick-label", x: Math.max(s.x(tick), 22), y: height - 3 });
      label.textContent = monthly ? td.toISOString().slice(0, 7) : String(td.getUTCFullYear());
      svg.appendChild(label);
    }
    i += 1;
    tick = monthly ? Date.UTC(td.getUTCFullYear(), td.getUTCMonth() + 1, 1) : Date.UTC(td.getUTCFullYear() + 1, 0, 1);
  }
  const brush = svgEl("rect", { class: "brush", y: 0, height: height - axis, x: 0, width: 0, id: "brush" });
  if (start || end) {
    const a = s.x(start ? Date.parse(start) : s.lo), b = s.x(end ? Date.parse(end) + DAY : s.hi);
    brush.setAttribute("x", Math.min(a, b));
    brush.setAttribute("width", Math.abs(b - a));
  }
  svg.appendChild(brush);
}

function setupBrush() {
  const svg = $("timeline");
  let from = null;
  const local = (evt) => {
    const s = timelineScale();
    const px = (evt.clientX - svg.getBoundingClientRect().left) * ((s ? s.width : 800) / svg.clientWidth);
    return Math.max(10, Math.min((s ? s.width : 800) - 10, px));
  };
  const iso = (t) => new Date(t).toISOString().slice(0, 10);
  svg.addEventListener("pointerdown", (evt) => {
    if (!timelineScale()) return;
    from = local(evt);
    svg.setPointerCapture(evt.pointerId);
  });
  svg.addEventListener("pointermove", (evt) => {
    if (from === null) return;
    const now = local(evt), brush = $("brush");
    brush.setAttribute("x", Math.min(from, now));
    brush.setAttribute("width", Math.abs(now - from));
  });
  svg.addEventListener("pointerup", (evt) => {
    if (from === null) return;
    const s = timelineScale(), to = local(evt);
    if (Math.abs(to - from) < 3) {
      $("f-start").value = ""; $("f-end").value = "";
    } else {
      $("f-start").value = iso(s.t(Math.min(from, to)));
      $("f-end").value = iso(s.t(Math.max(from, to)) - 1);
    }
    from = null;
    refresh({ keepTimeline: true });
  });
}

let playing = null;
function togglePlay() {
  if (playing) { clearInterval(playing); playing = null; $("play").textContent = "▶"; return; }
  const s = timelineScale();
  if (!s) return;
  const step = parseInt($("play-step").value, 10) * DAY;
  const iso = (t) => new Date(t).toISOString().slice(0, 10);
  let t = $("f-start").value ? Date.parse($("f-start").value) : s.lo;
  if (!$("f-start").value || !$("f-end").value || Date.parse($("f-end").value) >= s.hi - DAY) t = s.lo;
  const advance = () => {
    if (t >= s.hi) { togglePlay(); return; }
    $("f-start").value = iso(t);
    $("f-end").value = iso(t + step - DAY);
    t += step;
    refresh({ keepTimeline: true });
  };
  $("play").textContent = "❚❚";
  advance();
  playing = setInterval(advance, 900);
}
