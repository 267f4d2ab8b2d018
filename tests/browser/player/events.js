// A front end on another origin following its user's event stream (the API named by ?api=):
// it signs in with cookies, then listens with EventSource, which sends them too and resumes by
// itself with Last-Event-ID after a dropped connection. window.received holds every event.
"use strict";

const api = new URL(location.href).searchParams.get("api");
const TYPES = ["notification", "unread_count", "video_progress", "counter", "resync", "closed"];
window.received = [];
window.errors = 0;

window.signIn = async (login, password) => {
  const response = await fetch(api + "/api/v1/auth/login", {
    method: "POST",
    credentials: "include",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ login, password }),
  });
  return response.status;
};

window.listen = () => {
  const source = new EventSource(api + "/api/v1/events", { withCredentials: true });
  source.onerror = () => { window.errors += 1; };
  for (const type of TYPES) {
    source.addEventListener(type, (event) => {
      window.received.push({ type, id: event.lastEventId, data: JSON.parse(event.data) });
    });
  }
  window.source = source;
};
