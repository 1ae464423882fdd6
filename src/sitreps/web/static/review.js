// sitreps web map: the review queue — the events a look helps most, driven by the keyboard:
// j or n next, k previous, a accept, f fix (the event's edit form), r not an event.
"use strict";

const reviewState = { items: [], index: 0, total: 0, open: false };

async function loadReview() {
  const res = await fetch("/review?limit=50");
  if (!res.ok) return;
  const data = await res.json();
  reviewState.items = data.events;
  reviewState.total = data.total;
  reviewState.index = Math.min(reviewState.index, Math.max(0, data.events.length - 1));
  drawReview();
}

function drawReview() {
  const box = $("review-list");
  clear(box);
  $("review-count").textContent = `${reviewState.total.toLocaleString("en")} events to review`
    + (canEdit() ? " — keys: j/n next, k back, a accept, f fix, r not an event" : " — sign in as an editor to review");
  reviewState.items.forEach((item, i) => {
    const li = el("li", null, { "data-event": item.event_id, tabindex: "-1" });
    if (i === reviewState.index) li.classList.add("current");
    li.appendChild(el("span", item.score.toFixed(2), { class: "score" }));
    li.appendChild(el("span", ` ${item.event_date || "?"} ${item.sub_event_type || "PLOVER " + item.plover_event} — ${item.location || "?"}`));
    const why = el("ul", null, { class: "reasons" });
    for (const r of item.reasons) why.appendChild(el("li", r.detail, { "data-code": r.code }));
    li.appendChild(why);
    li.addEventListener("click", () => { reviewState.index = i; drawReview(); openCurrent(); });
    box.appendChild(li);
  });
}

function current() { return reviewState.items[reviewState.index] || null; }

async function openCurrent() {
  const item = current();
  if (!item) return;
  state.event = item.event_id;
  markOpenEvent();
  writeUrl();
  const panel = $("review-event");
  const res = await fetch("/events/" + encodeURIComponent(item.event_id));
  if (!res.ok) return;
  // The review tab shows the event under the queue, with the same panel as the Event tab.
  await showEvent(item.event_id, panel);
}

function moveReview(step) {
  if (!reviewState.items.length) return;
  reviewState.index = Math.max(0, Math.min(reviewState.items.length - 1, reviewState.index + step));
  drawReview();
  openCurrent();
}

async function decide(what) {
  const item = current();
  if (!item || !canEdit()) return;
  if (await verdict(item.event_id, what)) {
    await loadReview();
    openCurrent();
  }
}

function setupReview() {
  document.addEventListener("keydown", (evt) => {
    if (state.tab !== "review" || evt.ctrlKey || evt.metaKey || evt.altKey) return;
    const tag = (evt.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea") return;
    const item = current();
    if (evt.key === "j" || evt.key === "n") moveReview(1);
    else if (evt.key === "k") moveReview(-1);
    else if (evt.key === "a") decide("accept");
    else if (evt.key === "r") decide("reject");
    else if (evt.key === "f" && item && canEdit()) {
      const open = $("edit-open");
      if (open) open.click();
    } else return;
    evt.preventDefault();
  });
}
