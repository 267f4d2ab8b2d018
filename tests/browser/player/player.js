// What a web front end on another origin does with the API named by ?api=: sign in with
// cookies, read items, send a cookie-authenticated write with the CSRF header, and play HLS.
"use strict";

const api = new URL(location.href).searchParams.get("api");

function cookie(name) {
  const found = document.cookie.split("; ").find((item) => item.startsWith(name + "="));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : "";
}

async function request(method, path, body) {
  const headers = { "Content-Type": "application/json" };
  if (method !== "GET") {
    headers["X-CSRFToken"] = cookie("csrftoken");
  }
  const response = await fetch(api + path, {
    method,
    credentials: "include",
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: response.status,
    requestId: response.headers.get("X-Request-ID"),
    body: await response.json(),
  };
}

window.signIn = (login, password) => request("POST", "/api/v1/auth/login", { login, password });
window.getItem = (id) => request("GET", `/api/v1/videos/${id}`);
window.recordView = (id) => request("POST", `/api/v1/videos/${id}/views`, { position: 0 });

// Plays `url` with hls.js (never the browser's own HLS support) at `rate` times normal speed;
// window.playback tells how it goes: the playlists each level loaded (live or not, their type),
// and when playing started and ended (epoch milliseconds).
window.play = (url, rate = 1) => {
  if (window.hls) {
    window.hls.destroy();
  }
  const video = document.getElementById("player");
  window.playback = {
    hlsSupported: Hls.isSupported(),
    parsed: false,
    errors: [],
    levels: [],
    playingAt: null,
    endedAt: null,
  };
  const hls = new Hls();
  window.hls = hls;
  hls.on(Hls.Events.MANIFEST_PARSED, () => {
    window.playback.parsed = true;
    video.playbackRate = rate;
    video.play().catch((error) => window.playback.errors.push({ details: String(error), fatal: true }));
  });
  hls.on(Hls.Events.LEVEL_LOADED, (event, data) => {
    window.playback.levels.push({
      live: data.details.live,
      type: data.details.type,
      fragments: data.details.fragments.length,
    });
  });
  hls.on(Hls.Events.ERROR, (event, data) => {
    window.playback.errors.push({
      details: data.details,
      fatal: data.fatal,
      status: data.response ? data.response.code : null,
    });
  });
  video.onplaying = () => {
    window.playback.playingAt = window.playback.playingAt || Date.now();
  };
  video.onended = () => {
    window.playback.endedAt = Date.now();
  };
  hls.loadSource(url);
  hls.attachMedia(video);
};

window.createDraft = (title) => request("POST", "/api/v1/videos", { title });

// Uploads the file picked in #file for item `videoId` with tus-js-client, signed in by cookies
// (the CSRF header on every request). With `abortAfter`, it stops once that many bytes are
// sent, as a closed tab would; a later call resumes the upload tus-js-client remembered.
// Resolves with what happened: the upload URL, the offset each PATCH started at, the end.
window.tusUpload = (videoId, { chunkSize, abortAfter, dataDuringCreation }) =>
  new Promise((resolve) => {
    const file = document.getElementById("file").files[0];
    const report = { url: null, patchOffsets: [], resumed: false, outcome: null };
    const upload = new tus.Upload(file, {
      endpoint: api + "/api/v1/uploads/",
      chunkSize,
      uploadDataDuringCreation: Boolean(dataDuringCreation),
      retryDelays: [0, 500, 1000],
      metadata: { video_id: videoId, filename: file.name },
      onBeforeRequest(req) {
        req.getUnderlyingObject().withCredentials = true;
        req.setHeader("X-CSRFToken", cookie("csrftoken"));
        if (req.getMethod() === "PATCH") {
          report.patchOffsets.push(Number(req.getHeader("Upload-Offset")));
        }
      },
      onProgress(sent) {
        if (abortAfter && sent >= abortAfter && !report.outcome) {
          report.outcome = "aborted";
          upload.abort().then(() => resolve({ ...report, url: upload.url }));
        }
      },
      onSuccess() {
        report.outcome = "success";
        resolve({ ...report, url: upload.url });
      },
      onError(error) {
        report.outcome = "error";
        resolve({ ...report, url: upload.url, error: String(error) });
      },
    });
    upload.findPreviousUploads().then((previous) => {
      if (previous.length) {
        report.resumed = true;
        upload.resumeFromPreviousUpload(previous[0]);
      }
      upload.start();
    });
  });
