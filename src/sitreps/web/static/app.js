// sitreps web map. Story text is only ever inserted with textContent: nothing a story
// contains is parsed as HTML.
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

const state = { events: [], brush: null };
const $ = (id) => document.getElementById(id);

function el(tag, text, attrs) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  return node;
}

// ---- map -------------------------------------------------------------------------------
const map = L.map("map", { worldCopyJump: true }).setView([15, 20], 3);
// Tiles need the internet; offline the graticule and markers still show.
L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
  maxZoom: 18,
  attribution: "© OpenStreetMap contributors",
}).addTo(map);
for (let lat = -80; lat <= 80; lat += 20) {
  L.polyline([[lat, -180], [lat, 180]], { color: "#9ab", weight: 1, interactive: false }).addTo(map);
}
for (let lon = -180; lon <= 180; lon += 20) {
  L.polyline([[-85, lon], [85, lon]], { color: "#9ab", weight: 1, interactive: false }).addTo(map);
}
const cluster = L.markerClusterGroup({ showCoverageOnHover: false });
map.addLayer(cluster);

const legend = L.control({ position: "bottomleft" });
legend.onAdd = () => {
  const div = el("div", null, { class: "legend" });
  for (const [type, color] of Object.entries(COLORS)) {
    if (!type) continue;
    const row = el("div");
    row.appendChild(el("i", null, { style: `background:${color}` }));
    row.appendChild(document.createTextNode(type));
    div.appendChild(row);
  }
  return div;
};
legend.addTo(map);

// ---- data ------------------------------------------------------------------------------
function params() {
  const p = new URLSearchParams({ limit: "1000", sort: "-event_date" });
  const set = (k, v) => { if (v) p.set(k, v); };
  const type = $("f-type").value;
  set("event_type", type);
  set("actor", $("f-actor").value.trim());
  set("country", $("f-country").value.trim());
  set("start", state.brush ? state.brush[0] : $("f-start").value);
  set("end", state.brush ? state.brush[1] : $("f-end").value);
  const conf = parseFloat($("f-conf").value);
  if (conf > 0) p.set("min_confidence", String(conf));
  return p;
}

async function load() {
  const res = await fetch("/events?" + params().toString());
  if (!res.ok) { $("count").textContent = "query failed: " + res.status; return; }
  const data = await res.json();
  state.events = data.events;
  draw();
}

async function loadAllForTimeline() {
  const p = params();
  p.delete("start"); p.delete("end");
  const res = await fetch("/stats?" + p.toString());
  if (res.ok) drawTimeline((await res.json()).by_day);
}

function draw() {
  cluster.clearLayers();
  let placed = 0;
  for (const ev of state.events) {
    if (ev.latitude === null || ev.longitude === null) continue;
    placed += 1;
    const color = COLORS[ev.event_type || ""] || COLORS[""];
    const marker = L.circleMarker([ev.latitude, ev.longitude], {
      radius: 7, color: "#333", weight: 1, fillColor: color, fillOpacity: 0.9,
    });
    marker.options.eventId = ev.event_id;
    const label = `${ev.event_date || "?"} ${ev.sub_event_type || ev.plover_event || ""} — ${ev.location || ""}`;
    marker.bindTooltip(label);  // Leaflet sets tooltip strings as text content below
    marker.getTooltip().setContent(el("span", label));
    marker.on("click", () => showEvent(ev.event_id));
    cluster.addLayer(marker);
  }
  $("count").textContent = `${state.events.length} events (${placed} on the map)`;
  if (placed > 0) map.fitBounds(cluster.getBounds(), { maxZoom: 7, padding: [30, 30] });
}

// ---- timeline with brushing -------------------------------------------------------------
function drawTimeline(byDay) {
  const svg = $("timeline");
  while (svg.firstChild) svg.removeChild(svg.firstChild);
  const width = svg.clientWidth || 800, height = 80;
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  if (!byDay.length) return;
  const days = byDay.map((d) => Date.parse(d.date));
  const lo = Math.min(...days), hi = Math.max(...days) + 86400000;
  const x = (t) => ((t - lo) / (hi - lo)) * (width - 20) + 10;
  const max = Math.max(...byDay.map((d) => d.count));
  const barW = Math.max(2, (width - 20) / ((hi - lo) / 86400000) - 1);
  for (const d of byDay) {
    const h = (d.count / max) * (height - 20);
    const ns = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    ns.setAttribute("class", "bar");
    ns.setAttribute("x", x(Date.parse(d.date)));
    ns.setAttribute("y", height - 10 - h);
    ns.setAttribute("width", barW);
    ns.setAttribute("height", h);
    const title = document.createElementNS("http://www.w3.org/2000/svg", "title");
    title.textContent = `${d.date}: ${d.count}`;
    ns.appendChild(title);
    svg.appendChild(ns);
  }
  const brush = document.createElementNS("http://www.w3.org/2000/svg", "rect");
  brush.setAttribute("class", "brush");
  brush.setAttribute("y", 0);
  brush.setAttribute("height", height);
  brush.setAttribute("width", 0);
  svg.appendChild(brush);
  const toDate = (px) => new Date(lo + ((px - 10) / (width - 20)) * (hi - lo)).toISOString().slice(0, 10);
  const local = (evt) => (evt.clientX - svg.getBoundingClientRect().left) * (width / svg.clientWidth);
  let start = null;
  svg.onmousedown = (evt) => { start = local(evt); brush.setAttribute("x", start); brush.setAttribute("width", 0); };
  svg.onmousemove = (evt) => {
    if (start === null) return;
    const now = local(evt);
    brush.setAttribute("x", Math.min(start, now));
    brush.setAttribute("width", Math.abs(now - start));
  };
  svg.onmouseup = (evt) => {
    if (start === null) return;
    const end = local(evt);
    if (Math.abs(end - start) < 3) { state.brush = null; brush.setAttribute("width", 0); }
    else state.brush = [toDate(Math.min(start, end)), toDate(Math.max(start, end))];
    start = null;
    load();
  };
}

// ---- event panel ---------------------------------------------------------------------------
async function showEvent(eventId) {
  const res = await fetch("/events/" + encodeURIComponent(eventId));
  if (!res.ok) return;
  const ev = await res.json();
  const panel = $("panel");
  while (panel.firstChild) panel.removeChild(panel.firstChild);
  panel.appendChild(el("h2", `${ev.sub_event_type || "PLOVER " + ev.plover_event} — ${ev.location || "unknown place"}`));
  panel.appendChild(el("p", ev.notes, { class: "note" }));
  const dl = el("dl");
  const fields = [
    ["date", "event_date", ev.event_date], ["actor 1", "actor1", ev.actor1], ["actor 2", "actor2", ev.actor2],
    ["place", "location", [ev.location, ev.admin1, ev.country].filter(Boolean).join(", ")],
    ["deaths", "fatalities", ev.fatalities], ["size", "size", ev.size], ["source", "source", ev.source],
    ["confidence", "confidence", ev.confidence],
  ];
  const evidenceFor = (name) => (ev.evidence || []).filter((e) => e.field === name);
  const storyBox = el("div", null, { class: "story" });
  for (const [label, name, value] of fields) {
    dl.appendChild(el("dt", label));
    const dd = el("dd", value === null || value === undefined || value === "" ? "—" : value);
    if (evidenceFor(name).length) {
      dd.classList.add("ev-link");
      dd.title = "show the evidence in the story";
      dd.addEventListener("click", () => highlight(storyBox, name));
    }
    dl.appendChild(dd);
  }
  panel.appendChild(dl);
  panel.appendChild(el("h3", "Sources"));
  const ul = el("ul", null, { id: "sources" });
  for (const s of ev.sources || []) ul.appendChild(el("li", `${s.source || "?"} — ${s.story_id}`));
  panel.appendChild(ul);
  panel.appendChild(el("h3", "Evidence in the story"));
  panel.appendChild(storyBox);
  const story = await fetch("/stories/" + encodeURIComponent(ev.story_id) + "/text");
  const text = story.ok ? (await story.json()).text : "";
  storyBox.dataset.text = text;
  storyBox.evidence = ev.evidence || [];
  highlight(storyBox, "sub_event_type");
}

function highlight(box, field) {
  const text = box.dataset.text || "";
  const spans = (box.evidence || []).filter((e) => e.end <= text.length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  while (box.firstChild) box.removeChild(box.firstChild);
  let pos = 0;
  for (const e of spans) {
    if (e.start < pos) continue;
    box.appendChild(document.createTextNode(text.slice(pos, e.start)));
    const mark = el("mark", text.slice(e.start, e.end), { "data-field": e.field });
    if (e.field === field) mark.classList.add("active");
    box.appendChild(mark);
    pos = e.end;
  }
  box.appendChild(document.createTextNode(text.slice(pos)));
  const active = box.querySelector("mark.active");
  if (active && field !== "sub_event_type") active.scrollIntoView({ block: "center" });
}

// ---- filters ---------------------------------------------------------------------------------
const TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
  "Riots", "Strategic developments"];
for (const t of TYPES) $("f-type").appendChild(el("option", t, { value: t }));
let timer = null;
for (const id of ["f-type", "f-actor", "f-country", "f-start", "f-end", "f-conf"]) {
  $(id).addEventListener("input", () => {
    $("f-conf-out").textContent = $("f-conf").value;
    clearTimeout(timer);
    timer = setTimeout(() => { load(); loadAllForTimeline(); }, 250);
  });
}
$("f-reset").addEventListener("click", () => {
  $("filters").reset();
  state.brush = null;
  load(); loadAllForTimeline();
});
load();
loadAllForTimeline();
