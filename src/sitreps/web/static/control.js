// sitreps web map: territorial control — who holds each place on a date, and its timeline.
"use strict";

const controlLayer = L.layerGroup();
const STATUS_OPACITY = { claimed: 0.45, reported: 0.75, confirmed: 1, contested: 0.6 };
const PALETTE = ["#7b3294", "#e66101", "#008837", "#b2182b", "#5e3c99", "#a6611a", "#01665e"];

function holderColor(holder) {
  if (!holder) return "#888";
  // State forces in one blue, so a government's holdings read at a glance.
  if (/^(Military|Police) Forces of|Government of/.test(holder)) return "#2166ac";
  let h = 0;
  for (const ch of holder) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length];
}

const slider = L.control({ position: "topright" });
slider.onAdd = () => {
  const div = el("div", null, { class: "control-slider", id: "control-slider" });
  L.DomEvent.disableClickPropagation(div);
  const label = el("label", "Control on ");
  const out = el("output", "", { id: "control-date-out" });
  label.appendChild(out);
  div.appendChild(label);
  const range = el("input", null, { type: "range", id: "control-date", min: "0", max: "0", step: "1", value: "0" });
  range.addEventListener("input", () => {
    state.controlDate = sliderDate();
    $("control-date-out").textContent = state.controlDate;
    clearTimeout(range.timer);
    range.timer = setTimeout(loadControl, 150);
  });
  div.appendChild(range);
  return div;
};

let controlRange = null;  // [first, last] day (ms) of territory events and battles

function sliderDate() {
  const v = parseInt($("control-date").value, 10);
  return new Date(controlRange[0] + v * DAY).toISOString().slice(0, 10);
}

async function setupSlider() {
  // The slider spans the dates of the territory and battle events under the country filter.
  const p = new URLSearchParams();
  const country = $("f-country").value.trim();
  if (country) p.set("country", country);
  p.set("event_type", "Battles");
  const res = await fetch("/map/timeline?" + p.toString());
  const p2 = new URLSearchParams(p);
  p2.set("event_type", "Strategic developments");
  const res2 = await fetch("/map/timeline?" + p2.toString());
  const bins = [...(res.ok ? (await res.json()).bins : []), ...(res2.ok ? (await res2.json()).bins : [])];
  const today = Date.parse(new Date().toISOString().slice(0, 10));
  const dates = bins.map((b) => Date.parse(b.date));
  const lo = dates.length ? Math.min(...dates) : today - 365 * DAY;
  const hi = dates.length ? Math.max(...dates) + 31 * DAY : today;
  controlRange = [lo, hi];
  const range = $("control-date");
  range.max = String(Math.round((hi - lo) / DAY));
  const want = state.controlDate ? Date.parse(state.controlDate) : hi;
  range.value = String(Math.max(0, Math.min(Number(range.max), Math.round((want - lo) / DAY))));
  state.controlDate = sliderDate();
  $("control-date-out").textContent = state.controlDate;
}

async function setControl(on) {
  state.control = on;
  $("control-toggle").checked = on;
  if (on) {
    controlLayer.addTo(map);
    slider.addTo(map);
    await setupSlider();
    await loadControl();
  } else {
    controlLayer.remove();
    slider.remove();
    state.controlDate = null;
    writeUrl();
  }
}

function placeIcon(props) {
  const color = holderColor(props.holder);
  const node = el("div", null, { class: "place" + (props.contested ? " contested" : ""), "data-holder": props.holder || "" });
  node.style.setProperty("--holder", color);
  node.style.opacity = String(STATUS_OPACITY[props.status] || 0.6);
  node.appendChild(el("span", props.place));
  return L.divIcon({ html: node, className: "place-icon", iconSize: [18, 18] });
}

let controlSeq = 0;
async function loadControl() {
  if (!state.control) return;
  const seq = ++controlSeq;
  const p = new URLSearchParams({ date: state.controlDate, bbox: viewBox() });
  const country = $("f-country").value.trim();
  if (country) p.set("country", country);
  const res = await fetch("/control?" + p.toString());
  if (seq !== controlSeq || !res.ok) return;
  const data = await res.json();
  controlLayer.clearLayers();
  for (const f of data.features) {
    if (!f.geometry) continue;
    const [lng, lat] = f.geometry.coordinates;
    const props = f.properties;
    const m = L.marker([lat, lng], { icon: placeIcon(props), zIndexOffset: 1000 });
    const contest = props.contested ? ` — contested (${props.contested_by.join(" / ")})` : "";
    m.bindTooltip(el("span", `${props.place}: ${props.holder || "no known holder"} since ${props.since}, ${props.status}${contest}`));
    m.on("click", () => openPlace(props.place_id));
    m.addTo(controlLayer);
  }
  writeUrl();
}

async function openPlace(placeId) {
  state.place = placeId;
  const res = await fetch("/control/places/" + encodeURIComponent(placeId));
  if (!res.ok) return;
  const place = await res.json();
  const panel = $("tab-place");
  clear(panel);
  showTab("place");
  panel.appendChild(el("h2", `${place.place} (${place.kind})`));
  panel.appendChild(el("p", [place.admin1, place.country].filter(Boolean).join(", ")));
  const list = el("ol", null, { class: "periods" });
  for (const period of [...place.periods].reverse()) {
    const li = el("li");
    li.style.borderLeftColor = holderColor(period.holder);
    const span = period.until ? `${period.since} – ${period.until}` : `since ${period.since}`;
    li.appendChild(el("strong", period.holder || "fought over, no known holder"));
    li.appendChild(el("span", ` ${span} · ${period.holder ? period.status : "contested"}`));
    const ev = el("ul", null, { class: "evidence" });
    for (const e of [...period.transfers, ...period.battles].sort((a, b) => a.event_date.localeCompare(b.event_date))) {
      const item = el("li");
      const link = el("a", `${e.event_date} ${e.sub_event_type}`, { href: "?event=" + encodeURIComponent(e.event_id), "data-event": e.event_id });
      link.addEventListener("click", (evt) => { evt.preventDefault(); openEvent(e.event_id); });
      item.appendChild(link);
      item.appendChild(document.createTextNode(` — ${[e.actor1, e.actor2].filter(Boolean).join(" vs ")} (${e.sources.join(", ")}${e.claimed ? ", claimed" : ""})`));
      ev.appendChild(item);
    }
    li.appendChild(ev);
    list.appendChild(li);
  }
  panel.appendChild(list);
  writeUrl();
}
