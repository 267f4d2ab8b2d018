"""tuspy, a tus client nobody here wrote, against the embedded run: a connection dropped in the
middle of a chunk and a server restart between two halves of the upload cost no more than the
cut chunk, and the item ends up ready with exactly the file's bytes."""

from urllib.parse import urlsplit

import pytest
from tusclient.client import TusClient
from tusclient.storage.filestorage import FileStorage

from bench.http_relay import Relay
from tests.live import call, sign_up, wait_for
from tests.test_embedded_restart import EmbeddedRun, path_of
from videos.samples import make_clip

pytestmark = pytest.mark.slow

PASSWORD = "a-long-pass-phrase"
CHUNK = 256 * 1024


def port_of(base: str) -> int:
    return urlsplit(base).port


def uploader(relay: Relay, token: str, clip, video_id: str, urls: FileStorage):
    """A tuspy uploader as a fresh client process makes one: it finds its stored URL, if any,
    and asks the server how far it got."""
    client = TusClient(f"{relay.url}/api/v1/uploads/", headers={"Authorization": f"Bearer {token}"})
    return client.uploader(
        file_path=str(clip),
        chunk_size=CHUNK,
        metadata={"video_id": video_id, "filename": clip.name},
        store_url=True,
        url_storage=urls,
        retries=3,
        retry_delay=1,
        upload_checksum=True,
    )


def test_tuspy_survives_a_dropped_connection_and_a_server_restart(tmp_path):
    run = EmbeddedRun(tmp_path)
    try:
        base, log = run.start()
        relay = Relay(port_of(base))
        session = sign_up(base, log, username="resumer", password=PASSWORD)
        token = session["access"]
        clip = make_clip(tmp_path, seconds=8, size="640x360")
        data = clip.read_bytes()
        assert len(data) > 6 * CHUNK, len(data)
        status, _, item = call(base, "POST", "/api/v1/videos", {"title": "Resumed"}, token)
        assert status == 201, item
        urls = FileStorage(str(tmp_path / "tus-urls.json"))

        first = uploader(relay, token, clip, item["id"], urls)
        # The third chunk's connection drops half-way: tuspy retries from the server's offset.
        relay.cut_after(2 * CHUNK + CHUNK // 2)
        first.upload(stop_at=4 * CHUNK)
        assert relay.cuts == 1 and first.offset == 4 * CHUNK
        assert first.url.startswith(f"{relay.url}/api/v1/uploads/")

        assert run.stop() == 0
        base, log = run.start()
        relay.retarget(port_of(base))
        second = uploader(relay, token, clip, item["id"], urls)
        assert second.url == first.url and second.offset == 4 * CHUNK
        second.upload()
        assert second.offset == len(data)
        # Only the part of the cut chunk that had passed was sent twice.
        assert 0 <= relay.body_bytes - len(data) < CHUNK, relay.body_bytes

        def ready():
            answer = call(base, "GET", f"/api/v1/videos/{item['id']}", token=token)[2]
            assert answer["status"] != "failed", answer
            return answer if answer["status"] == "ready" else None

        done = wait_for(ready, seconds=120, log=log, what="the resumed upload to be processed")
        status, _, source = call(base, "GET", path_of(done["stream_url"]), token=token)
        assert status == 200 and source == data
        relay.close()
    finally:
        run.kill()
