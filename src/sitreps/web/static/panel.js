// sitreps web map: the side panel — tabs, the events table, downloads, the event and its evidence.
"use strict";

const PAGE = 25;

function showTab(name) {
  state.tab = name;
  if (name === "review") { reviewState.open = true; loadReview().then(openCurrent); }
  for (const b of document.querySelectorAll("#tabs button")) b.setAttribute("aria-selected", String(b.dataset.tab === name));
  for (const s of document.querySelectorAll("#panel .tab")) s.hidden = s.id !== "tab-" + name;
  document.body.classList.add("sheet-open");
  writeUrl();
}

// ---- the table: the events under the filters and in the map view ----------------------------
let tableSeq = 0;
async function loadTable() {
  const seq = ++tableSeq;
  const p = filterParams({ view: true, viewName: "bbox" });
  p.set("sort", state.sort);
  p.set("offset", String(state.offset));
  p.set("limit", String(PAGE));
  const res = await fetch("/map/table?" + p.toString());
  if (seq !== tableSeq || !res.ok) return;
  const data = await res.json();
  const body = document.querySelector("#table tbody");
  clear(body);
  for (const r of data.rows) {
    const tr = el("tr", null, { "data-event": r.event_id, tabindex: "0" });
    if (r.event_id === state.event) tr.classList.add("selected");
    const swatch = el("i", null, { class: "swatch", style: `background:${COLORS[r.event_type || ""] || COLORS[""]}` });
    tr.appendChild(el("td", r.event_date || "?"));
    const type = el("td");
    type.appendChild(swatch);
    type.appendChild(document.createTextNode(r.sub_event_type || r.event_type || "—"));
    tr.appendChild(type);
    tr.appendChild(el("td", [r.location, r.country].filter(Boolean).join(", ") || "—"));
    tr.appendChild(el("td", r.fatalities === null ? "—" : r.fatalities, { class: "num" }));
    const open = () => selectRow(r);
    tr.addEventListener("click", open);
    tr.addEventListener("keydown", (evt) => { if (evt.key === "Enter") open(); });
    body.appendChild(tr);
  }
  const first = data.total ? state.offset + 1 : 0;
  const last = Math.min(state.offset + PAGE, data.total);
  $("table-count").textContent = `${data.total.toLocaleString("en")} events in view under the filters`;
  $("page-info").textContent = `${first.toLocaleString("en")}–${last.toLocaleString("en")}`;
  $("page-prev").disabled = state.offset === 0;
  $("page-next").disabled = last >= data.total;
  for (const th of document.querySelectorAll("#table th[data-sort]")) {
    const key = th.dataset.sort;
    th.dataset.dir = state.sort === key ? "asc" : state.sort === "-" + key ? "desc" : "";
  }
  for (const fmt of ["csv", "geojson", "parquet"]) {
    const q = filterParams({ view: true, viewName: "bbox" });
    q.set("sort", state.sort);
    q.set("format", fmt);
    $("dl-" + fmt).href = "/map/export?" + q.toString();
  }
}

function selectRow(r) {
  state.event = r.event_id;
  for (const tr of document.querySelectorAll("#table tbody tr")) tr.classList.toggle("selected", tr.dataset.event === r.event_id);
  if (r.latitude !== null && r.longitude !== null) {
    const marker = markers.get(r.event_id);
    if (marker) markOpenEvent();
    else map.setView([r.latitude, r.longitude], Math.max(map.getZoom(), 9));  // loads single markers
  }
  openEvent(r.event_id);
}

function setupTable() {
  for (const th of document.querySelectorAll("#table th[data-sort]")) {
    th.addEventListener("click", () => {
      const key = th.dataset.sort;
      state.sort = state.sort === "-" + key ? key : "-" + key;
      state.offset = 0;
      loadTable();
      writeUrl();
    });
  }
  $("page-prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); loadTable(); });
  $("page-next").addEventListener("click", () => { state.offset += PAGE; loadTable(); });
}

// ---- one event, with the evidence for each field ---------------------------------------------
async function openEvent(eventId) {
  state.event = eventId;
  writeUrl();
  markOpenEvent();
  await showEvent(eventId);
}

async function showEvent(eventId, where) {
  const res = await fetch("/events/" + encodeURIComponent(eventId));
  if (!res.ok) return;
  const ev = await res.json();
  const panel = where || $("tab-event");
  // One rendering at a time (the Event tab or under the review queue): ids stay unique.
  const other = where ? $("tab-event") : $("review-event");
  clear(other);
  if (where) other.appendChild(el("p", "The event under review is in the Review tab.", { class: "hint" }));
  clear(panel);
  if (!where) showTab("event");
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
  for (const s of ev.sources || []) ul.appendChild(el("li", `${s.source || "?"} — ${s.story_id}`, { "data-story": s.story_id }));
  panel.appendChild(ul);
  renderEditing(panel, ev);
  panel.dataset.event = ev.event_id;  // which event the panel now shows (and its buttons act on)
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
  clear(box);
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
