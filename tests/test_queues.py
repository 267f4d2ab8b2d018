"""Long media work and short mail work go through separate queues with separate workers."""

import threading
import time

import pytest
from django.core import mail

from config.celery_app import app as celery_app
from videos import processing
from videos.documents import Video
from videos.samples import make_clip
from videos.tests.helpers import VIDEOS, upload

pytestmark = pytest.mark.slow


def test_routing_sends_transcodes_to_media_and_everything_else_to_default():
    route = celery_app.amqp.router.route
    assert route({}, "videos.tasks.process_upload")["queue"].name == "media"
    for name in (
        "accounts.tasks.send_verification_code",
        "videos.tasks.flush_view_counters",
        "common.tasks.delete_files",
    ):
        assert route({}, name)["queue"].name == "default"


def test_every_task_has_soft_and_hard_time_limits():
    ours = [task for name, task in celery_app.tasks.items() if not name.startswith("celery.")]
    assert ours
    for task in ours:
        annotated = celery_app.conf.task_annotations.get(task.name, {})
        soft = annotated.get("soft_time_limit", celery_app.conf.task_soft_time_limit)
        hard = annotated.get("time_limit", celery_app.conf.task_time_limit)
        assert soft and hard and soft < hard, task.name


def test_a_sign_up_code_is_mailed_while_a_transcode_occupies_the_media_worker(
    celery_workers, auth_client, api_client, tmp_path, monkeypatch
):
    transcoding, finish = threading.Event(), threading.Event()
    real_transcode = processing.transcode_to_hls

    def long_transcode(**kwargs):
        transcoding.set()
        assert finish.wait(60)
        return real_transcode(**kwargs)

    monkeypatch.setattr(processing, "transcode_to_hls", long_transcode)
    celery_workers("media", "default")
    owner = auth_client()
    video_id = upload(owner, make_clip(tmp_path)).json()["id"]
    assert transcoding.wait(30), "the media worker never started the transcode"

    response = api_client.post(
        "/api/v1/auth/register",
        {
            "username": "newcomer",
            "email": "newcomer@example.com",
            "full_name": "New Comer",
            "password": "a-long-pass-phrase",
        },
        format="json",
    )
    assert response.status_code == 202
    deadline = time.monotonic() + 15
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [message.to for message in mail.outbox] == [["newcomer@example.com"]]
    assert Video.objects.get(id=video_id).status == "processing"

    finish.set()
    deadline = time.monotonic() + 60
    while Video.objects.get(id=video_id).status == "processing" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert owner.get(f"{VIDEOS}/{video_id}").json()["status"] == "ready"
