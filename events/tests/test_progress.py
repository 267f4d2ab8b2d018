"""video_progress: an owner's stream follows their upload while it processes (real ffmpeg),
and hears when it is ready or failed; nobody else's stream does."""

import pytest

from events.tests.conftest import first_events
from videos import processing
from videos.media_tools import InvalidMediaError
from videos.samples import make_clip
from videos.tests.helpers import upload

pytestmark = [pytest.mark.slow, pytest.mark.redis]


def progress(events) -> list[dict]:
    return [event.data for event in events if event.type == "video_progress"]


def test_the_owner_follows_an_upload_until_it_is_ready(
    auth_client, open_stream, tmp_path, settings
):
    owner, stranger = auth_client(), auth_client()
    mine = open_stream(token=owner.tokens.access)
    theirs = open_stream(token=stranger.tokens.access)
    first_events(mine)
    first_events(theirs)
    item_id = upload(owner, make_clip(tmp_path, seconds=2)).json()["id"]
    events = mine.until(lambda event: event.type == "notification")
    reports = progress(events)
    assert reports[-1] == {"id": item_id, "status": "ready", "progress": 100.0}
    processing_reports = [report["progress"] for report in reports[:-1]]
    assert processing_reports == sorted(processing_reports) and len(processing_reports) >= 3
    assert {report["status"] for report in reports[:-1]} == {"processing"}
    assert events[-1].data["kind"] == "video_ready"
    assert theirs.quiet(seconds=0.5) == []


def test_the_owner_hears_when_an_upload_fails(auth_client, open_stream, tmp_path, monkeypatch):
    def unreadable(**kwargs):
        raise InvalidMediaError("The file holds no playable stream.")

    monkeypatch.setattr(processing, "transcode_to_hls", unreadable)
    owner = auth_client()
    stream = open_stream(token=owner.tokens.access)
    first_events(stream)
    item_id = upload(owner, make_clip(tmp_path, seconds=1)).json()["id"]
    events = stream.until(lambda event: event.type == "notification")
    assert progress(events)[-1]["id"] == item_id
    assert progress(events)[-1]["status"] == "failed"
    assert events[-1].data["kind"] == "video_failed"
