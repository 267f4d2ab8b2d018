"""tus-js-client in Chromium, on a front end of another origin signed in by cookies: it opens an
upload with its first chunk, stops part-way (a closed tab), resumes where the server says it
stopped, and the item it names ends up ready."""

import secrets
import time

import pytest

from tests.browser.conftest import PLAYER_DIR
from tests.live import call, sign_up
from videos.samples import make_clip

pytestmark = pytest.mark.slow

PASSWORD = "a-long-pass-phrase"
TUS_JS = PLAYER_DIR / "node_modules" / "tus-js-client" / "dist" / "tus.min.js"
CHUNK = 64 * 1024


def test_tus_js_client_uploads_resumes_and_attaches_the_file_from_another_origin(
    live_platform, front_end, new_page, tmp_path
):
    assert TUS_JS.is_file(), "tus-js-client is missing: run `npm ci` in tests/browser/player"
    username = f"uploader{secrets.token_hex(3)}"
    session = sign_up(live_platform.url, live_platform.log, username=username, password=PASSWORD)
    clip = make_clip(tmp_path, seconds=4, size="640x360")
    size = clip.stat().st_size
    assert size > 4 * CHUNK, size

    page = new_page.page
    page.goto(f"{front_end.url}/index.html?api={live_platform.url}")
    signed_in = page.evaluate(
        "([login, password]) => signIn(login, password)", [username, PASSWORD]
    )
    assert signed_in["status"] == 200, signed_in
    created = page.evaluate("title => createDraft(title)", "Sent with tus-js-client")
    assert created["status"] == 201, created
    video_id = created["body"]["id"]
    page.set_input_files("#file", str(clip))

    options = {"chunkSize": CHUNK, "abortAfter": 2 * CHUNK + CHUNK // 3, "dataDuringCreation": True}
    first = page.evaluate("([id, options]) => tusUpload(id, options)", [video_id, options])
    assert first["outcome"] == "aborted" and first["url"], first.get("error")
    assert first["url"].startswith(f"{live_platform.url}/api/v1/uploads/")
    # The first chunk went with the creation (POST), so PATCHes start past it.
    assert first["patchOffsets"][:1] == [CHUNK], first

    second = page.evaluate(
        "([id, options]) => tusUpload(id, options)", [video_id, {"chunkSize": CHUNK}]
    )
    assert second["outcome"] == "success", (second, live_platform.log.read_text()[-3000:])
    assert second["resumed"] and second["url"] == first["url"], second
    # It resumed where the server said the bytes stopped (a HEAD whose headers CORS exposes),
    # past what the first run had finished, and never started over.
    resumed_at = second["patchOffsets"][0]
    assert resumed_at >= max(first["patchOffsets"]) > 0, (first, second)

    deadline = time.monotonic() + 90
    item = {}
    while time.monotonic() < deadline:
        _, _, item = call(
            live_platform.url, "GET", f"/api/v1/videos/{video_id}", token=session["access"]
        )
        if item["status"] in ("ready", "failed"):
            break
        time.sleep(0.3)
    assert item["status"] == "ready", item
    status, _, source = call(
        live_platform.url, "GET", item["stream_url"].removeprefix(live_platform.url)
    )
    assert status == 200 and source == clip.read_bytes()
    assert new_page.left_for(front_end, live_platform) == [], new_page.requests
