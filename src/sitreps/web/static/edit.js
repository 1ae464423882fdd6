// sitreps web map: signing in with a token, correcting the open event, its history.
// Loaded before app.js: every same-origin fetch carries the token once signed in, so the
// map works when the server asks a token for reads too. The token lives in this tab only.
"use strict";

const TOKEN_KEY = "sitreps-token";
const nativeFetch = window.fetch.bind(window);
window.fetch = (url, opts) => {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const o = Object.assign({}, opts || {});
  const target = new URL(String(url), location.href);
  if (token && target.origin === location.origin) {
    o.headers = new Headers(o.headers || {});
    if (!o.headers.has("Authorization")) o.headers.set("Authorization", "Bearer " + token);
  }
  return nativeFetch(url, o);
};

const auth = { user: null };  // {name, role} once signed in
const canEdit = () => auth.user !== null && (auth.user.role === "editor" || auth.user.role === "admin");

// Fields a person may correct in the form, with their input kind.
const EDITABLE = [
  ["event_date", "date", "date"], ["sub_event_type", "sub-event type", "text"],
  ["actor1", "actor 1", "text"], ["actor2", "actor 2", "text"],
  ["location", "place", "text"], ["admin1", "admin 1", "text"], ["country", "country", "text"],
  ["fatalities", "deaths", "number"], ["size", "size", "text"], ["notes", "notes", "text"],
];

async function signIn(token) {
  sessionStorage.setItem(TOKEN_KEY, token);
  const res = await fetch("/me");
  if (!res.ok) {
    sessionStorage.removeItem(TOKEN_KEY);
    auth.user = null;
    $("signin-status").textContent = "token refused";
    return false;
  }
  auth.user = await res.json();
  showSignedIn();
  return true;
}

function showSignedIn() {
  $("signin-form").hidden = auth.user !== null;
  $("signout").hidden = auth.user === null;
  $("signin-status").textContent = auth.user ? `${auth.user.name} (${auth.user.role})` : "";
  document.body.classList.toggle("can-edit", canEdit());
}

function setupSignIn() {
  $("signin-form").addEventListener("submit", async (evt) => {
    evt.preventDefault();
    const token = $("signin-token").value.trim();
    $("signin-token").value = "";
    if (!token || !await signIn(token)) return;
    if (state.tab === "review") { drawReview(); await openCurrent(); }
    else if (state.event) await showEvent(state.event);
  });
  $("signout").addEventListener("click", () => {
    sessionStorage.removeItem(TOKEN_KEY);
    auth.user = null;
    showSignedIn();
    if (state.tab === "review") { drawReview(); openCurrent(); }
    else if (state.event) showEvent(state.event);
  });
  const saved = sessionStorage.getItem(TOKEN_KEY);
  return saved ? signIn(saved) : Promise.resolve(false);
}

async function send(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body || {}),
  });
  if (!res.ok) {
    const err = await res.json().catch(() => ({}));
    const detail = Array.isArray(err.detail) ? err.detail.map((d) => d.msg).join("; ") : err.detail;
    throw new Error(detail || `${res.status}`);
  }
  return res.json();
}

// Called by showEvent (panel.js) with the rendered event: review state, actions, history.
function renderEditing(panel, ev) {
  const review = ev.review || {};
  const status = { corrected: "corrected", accepted: "accepted", not_event: "marked not an event", merged: "merged into " + review.merged_into };
  if (review.status) panel.insertBefore(el("p", "Reviewed: " + status[review.status], { class: "review-status" }), panel.children[1]);
  if (canEdit() && review.status !== "merged") {
    const bar = el("div", null, { id: "edit-actions" });
    const button = (id, label, fn) => {
      const b = el("button", label, { type: "button", id });
      b.addEventListener("click", fn);
      bar.appendChild(b);
    };
    button("edit-open", "Fix (f)", () => openEditForm(ev));
    if (review.status !== "not_event") {
      button("edit-accept", "Accept (a)", () => verdict(ev.event_id, "accept"));
      button("edit-reject", "Not an event (r)", () => verdict(ev.event_id, "reject"));
    }
    bar.appendChild(el("span", "", { id: "edit-message", role: "status" }));
    panel.insertBefore(bar, panel.children[1]);
  }
  const revisions = ev.revisions || [];
  if (revisions.length) {
    panel.appendChild(el("h3", "History"));
    const ol = el("ol", null, { id: "history" });
    for (const r of revisions) {
      const who = r.user_name ? `by ${r.user_name}` : `pipeline ${r.pipeline_version}`;
      const li = el("li", `${r.at.slice(0, 16).replace("T", " ")} ${r.action} ${who}`);
      for (const [name, change] of Object.entries(r.changes || {})) {
        if (Array.isArray(change)) li.appendChild(el("div", `${name}: ${fmt(change[0])} → ${fmt(change[1])}`, { class: "change" }));
      }
      for (const [name, k] of Object.entries(r.kept || {})) {
        li.appendChild(el("div", `${name}: kept ${fmt(k.kept)} (pipeline says ${fmt(k.machine)})`, { class: "change" }));
      }
      if (r.reason) li.appendChild(el("div", `why: ${r.reason}`, { class: "change" }));
      ol.appendChild(li);
    }
    panel.appendChild(ol);
  }
}

function fmt(v) {
  if (v === null || v === undefined || v === "") return "—";
  return Array.isArray(v) ? v.join(", ") : String(v);
}

function openEditForm(ev) {
  const old = $("edit-form");
  if (old) { old.querySelector("input").focus(); return; }
  const form = el("form", null, { id: "edit-form", autocomplete: "off" });
  for (const [name, label, kind] of EDITABLE) {
    const lab = el("label", label);
    const input = el("input", null, { name, type: kind });
    if (kind === "number") input.setAttribute("min", "0");
    const value = ev[name];
    input.value = value === null || value === undefined ? "" : String(value);
    input.dataset.before = input.value;
    lab.appendChild(input);
    form.appendChild(lab);
  }
  const why = el("label", "why");
  why.appendChild(el("input", null, { name: "reason", type: "text", maxlength: "2000" }));
  form.appendChild(why);
  const save = el("button", "Save", { type: "submit", id: "edit-save" });
  const cancel = el("button", "Cancel", { type: "button" });
  cancel.addEventListener("click", () => form.remove());
  form.appendChild(save);
  form.appendChild(cancel);
  form.addEventListener("submit", async (evt) => {
    evt.preventDefault();
    const fields = {};
    for (const input of form.querySelectorAll("input")) {
      if (input.name === "reason" || input.value === input.dataset.before) continue;
      const v = input.value.trim();
      fields[input.name] = v === "" ? null : input.type === "number" ? parseInt(v, 10) : v;
    }
    if (!Object.keys(fields).length) { form.remove(); return; }
    const reason = form.querySelector("input[name=reason]").value.trim() || null;
    try {
      await send("PATCH", "/events/" + encodeURIComponent(ev.event_id), { fields, reason });
      if (state.tab === "review") { await loadReview(); await showEvent(ev.event_id, $("review-event")); }
      else await showEvent(ev.event_id);
      loadTable();
    } catch (err) {
      $("edit-message").textContent = "not saved: " + err.message;
    }
  });
  $("edit-actions").after(form);
  form.querySelector("input").focus();
}

async function verdict(eventId, what) {
  try {
    await send("POST", `/events/${encodeURIComponent(eventId)}/${what}`, {});
  } catch (err) {
    const msg = $("edit-message");
    if (msg) msg.textContent = "not saved: " + err.message;
    return false;
  }
  if (state.event === eventId && state.tab !== "review") await showEvent(eventId);
  loadTable();
  loadGrid();
  return true;
}
