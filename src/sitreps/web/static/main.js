// sitreps web map: wiring — restore the view from the URL, then keep map, timeline and table in step.
"use strict";

function refresh(opts) {
  const o = opts || {};
  state.offset = 0;
  loadGrid();
  loadTable();
  if (o.keepTimeline) drawTimeline(); else loadTimeline();
  writeUrl();
}

async function start() {
  for (const t of TYPES) $("f-type").appendChild(el("option", t, { value: t }));
  const view = readUrl();
  if (view) map.setView([view.lat, view.lng], view.z, { animate: false });
  legend.addTo(map);
  await setupBasemap();
  setupBrush();
  setupTable();
  setupReview();
  await setupSignIn();

  let timer = null;
  for (const id of Object.values(FILTER_INPUTS)) {
    $(id).addEventListener("input", () => {
      $("f-conf-out").textContent = $("f-conf").value;
      clearTimeout(timer);
      timer = setTimeout(() => { refresh(); if (state.control) loadControl(); }, 250);
    });
  }
  $("f-reset").addEventListener("click", () => {
    $("filters").reset();
    $("f-conf-out").textContent = "0";
    refresh();
  });
  $("f-share").addEventListener("click", async () => {
    writeUrl();
    try { await navigator.clipboard.writeText(location.href); $("f-share").textContent = "Link copied"; }
    catch { $("f-share").textContent = "Link in the address bar"; }
    setTimeout(() => { $("f-share").textContent = "Copy link"; }, 2000);
  });
  $("filters-toggle").addEventListener("click", () => {
    const open = document.body.classList.toggle("filters-open");
    $("filters-toggle").setAttribute("aria-expanded", String(open));
  });
  $("sheet-handle").addEventListener("click", () => document.body.classList.toggle("sheet-open"));
  for (const b of document.querySelectorAll("#tabs button")) b.addEventListener("click", () => showTab(b.dataset.tab));
  $("play").addEventListener("click", togglePlay);

  let moveTimer = null;
  map.on("moveend", () => {
    clearTimeout(moveTimer);
    moveTimer = setTimeout(() => {
      state.offset = 0; loadGrid(); loadTable(); writeUrl();
      if (state.control) loadControl();
    }, 120);
  });
  window.addEventListener("resize", () => drawTimeline());

  const tab = state.tab;
  loadGrid();
  loadTable();
  loadTimeline();
  if (state.control) await setControl(true);
  if (state.event) await openEvent(state.event);
  if (state.place) await openPlace(state.place);
  showTab(["table", "event", "place", "review"].includes(tab) ? tab : "table");
  // On a phone the sheet starts folded unless the link opens an event or a place.
  if (window.innerWidth < 700 && !state.event && !state.place) document.body.classList.remove("sheet-open");
  document.body.dataset.ready = "1";
}

start();
