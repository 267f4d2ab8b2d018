"""What operators see: one JSON-ready log line per request and per task, tied by the request id,
and Prometheus figures at /metrics for requests, tasks, counter backlogs and the media queue."""

import json
import logging
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager

import pytest
import redis
from bson import ObjectId
from django.conf import settings
from django.core import mail
from prometheus_client.parser import text_string_to_metric_families

from accounts import tasks as account_tasks
from bench.range_serving import free_port, start_server, stop_server
from common import metrics
from common.redis import get_redis
from tests.live import PASSED_ENV, call, wait_for
from videos import counters, tasks
from videos.samples import make_clip
from videos.tests.helpers import VIDEOS, play, ready_video, upload

SIGN_UP = {
    "username": "newcomer",
    "email": "newcomer@example.com",
    "full_name": "New Comer",
    "password": "a-long-pass-phrase",
}


class Recorder(logging.Handler):
    """Keeps the structured event of every record a logger emits."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.events: list[dict] = []

    def emit(self, record):
        if isinstance(record.msg, dict):
            self.events.append(record.msg)


@contextmanager
def recorded(name: str):
    """Events logged to `name` at INFO and up, whatever a worker does to the root logger."""
    logger = logging.getLogger(name)
    recorder, level = Recorder(), logger.level
    logger.addHandler(recorder)
    logger.setLevel(logging.INFO)
    try:
        yield recorder.events
    finally:
        logger.removeHandler(recorder)
        logger.setLevel(level)


def scrape(client) -> dict[tuple, float]:
    """Every sample at /metrics, keyed by (name, sorted labels)."""
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def value(samples: dict, name: str, **labels) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


# ---- logs -----------------------------------------------------------------------------------


def test_each_request_logs_its_id_user_route_status_and_duration(auth_client, api_client):
    client = auth_client()
    with recorded("streamsphere.request") as events:
        response = client.get("/api/v1/users/me", HTTP_X_REQUEST_ID="trace-me-1")
        anonymous = api_client.get(f"{VIDEOS}/{ObjectId()}")
    signed_in, stranger = (event for event in events if event["event"] == "request")
    assert response["X-Request-ID"] == "trace-me-1"
    assert signed_in["request_id"] == "trace-me-1"
    assert signed_in["user_id"] == str(client.user.id)
    assert (signed_in["method"], signed_in["route"], signed_in["status"]) == (
        "GET",
        "api/v1/users/me",
        200,
    )
    assert isinstance(signed_in["duration_ms"], float) and signed_in["duration_ms"] >= 0
    assert stranger["request_id"] == anonymous["X-Request-ID"]
    assert (stranger["user_id"], stranger["status"]) == (None, 404)
    assert stranger["route"].startswith("api/v1/videos/")


def test_a_task_run_inline_logs_with_the_id_of_the_request_that_started_it(api_client):
    with recorded("streamsphere.task") as events:
        response = api_client.post(
            "/api/v1/auth/register", SIGN_UP, format="json", HTTP_X_REQUEST_ID="signup-eager"
        )
    assert response.status_code == 202
    [task] = [event for event in events if event["event"] == "task"]
    assert task["request_id"] == "signup-eager"
    assert task["task"] == "accounts.tasks.send_verification_code"
    assert (task["queue"], task["outcome"]) == ("default", "success")


@pytest.mark.slow
def test_a_queued_task_carries_the_request_id_to_its_worker(celery_workers, api_client):
    celery_workers("default")
    with recorded("streamsphere.task") as events:
        response = api_client.post(
            "/api/v1/auth/register", SIGN_UP, format="json", HTTP_X_REQUEST_ID="signup-queued"
        )
        assert response.status_code == 202
        deadline = time.monotonic() + 15
        while not events and time.monotonic() < deadline:
            time.sleep(0.05)
    assert [message.to for message in mail.outbox] == [[SIGN_UP["email"]]]
    [task] = events
    assert task["request_id"] == "signup-queued"
    assert task["task"] == "accounts.tasks.send_verification_code"
    assert task["task_id"] and task["outcome"] == "success"


@pytest.fixture
def production_env(tmp_path) -> dict[str, str]:
    """A production process's environment on this machine: a Redis database of its own."""
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs a Redis server (REDIS_URL), as make test provides")
    broker = os.environ["REDIS_URL"].rsplit("/", 1)[0] + "/11"
    redis.Redis.from_url(broker).flushdb()
    env = {name: os.environ[name] for name in PASSED_ENV if name in os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        MONGODB_URI="mongomock://localhost/production",
        REDIS_URL=broker,
        DATABASE_URL=f"sqlite:///{tmp_path / 'django.sqlite3'}",
        VAR_DIR=str(tmp_path / "var"),
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
        SECURE_SSL_REDIRECT="false",
        PYTHONUNBUFFERED="1",
    )
    yield env
    redis.Redis.from_url(broker).flushdb()


def json_lines(log) -> list[dict]:
    return [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]


@pytest.mark.slow
def test_gunicorn_and_a_celery_worker_log_json_lines_tied_by_the_request_id(
    production_env, tmp_path
):
    port = free_port()
    root = str(settings.BASE_DIR)
    web_log, worker_log = tmp_path / "web.log", tmp_path / "worker.log"
    web = start_server(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--chdir",
            root,
            "--config",
            f"{root}/config/gunicorn.py",
        ],
        log=web_log,
        env={**production_env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "1"},
    )
    worker = start_server(
        [
            sys.executable,
            "-m",
            "celery",
            "--quiet",
            "-A",
            "config",
            "--workdir",
            root,
            "worker",
            "-Q",
            "default",
            "--pool",
            "solo",
            "-n",
            "json@localhost",
            "--loglevel",
            "INFO",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
        ],
        log=worker_log,
        env=production_env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(
            lambda: call(base, "GET", "/healthz")[0] == 200,
            seconds=60,
            log=web_log,
            what="gunicorn to answer",
        )
        request = urllib.request.Request(
            f"{base}/api/v1/auth/register",
            data=json.dumps(SIGN_UP).encode(),
            headers={"Content-Type": "application/json", "X-Request-ID": "prod-trace-7"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status == 202

        def task_logged() -> bool:
            assert worker.poll() is None, worker_log.read_text()
            return any(line.get("event") == "task" for line in json_lines(worker_log))

        wait_for(
            task_logged,
            seconds=60,
            log=worker_log,
            what="the worker to run the sign-up e-mail task",
        )
    finally:
        stop_server(web)
        stop_server(worker)

    web_lines = [line for line in web_log.read_text().splitlines() if line.strip()]
    assert all(line.startswith("{") for line in web_lines), web_lines
    events = json_lines(web_log)
    [signup] = [e for e in events if e.get("route") == "api/v1/auth/register"]
    assert (signup["request_id"], signup["status"], signup["level"]) == (
        "prod-trace-7",
        202,
        "info",
    )
    assert any(e["logger"] == "gunicorn.error" for e in events), "gunicorn's own lines, as JSON"

    [task] = [e for e in json_lines(worker_log) if e.get("event") == "task"]
    assert task["request_id"] == "prod-trace-7"
    assert (task["task"], task["queue"], task["outcome"]) == (
        "accounts.tasks.send_verification_code",
        "default",
        "success",
    )
    # What the task prints (the console e-mail) is a JSON line too, with the request id.
    [mail_line] = [e for e in json_lines(worker_log) if "Your StreamSphere code:" in e["event"]]
    assert mail_line["request_id"] == "prod-trace-7"
    assert not re.search(r"^\[20", worker_log.read_text(), re.M), "Celery's own log format"


@pytest.mark.slow
def test_tasks_queued_by_a_task_keep_the_id_of_the_request_that_started_them(
    celery_workers, auth_client, tmp_path
):
    owner = auth_client()
    clip = make_clip(tmp_path)
    item = upload(owner, clip).json()
    assert owner.get(f"{VIDEOS}/{item['id']}").json()["status"] == "ready"
    celery_workers("media", "default")
    with recorded("streamsphere.task") as ran, recorded("videos.processing") as processing:
        with open(clip, "rb") as handle:
            response = owner.put(
                f"{VIDEOS}/{item['id']}/file",
                {"file": handle},
                format="multipart",
                HTTP_X_REQUEST_ID="replace-media-1",
            )
        assert response.status_code == 202, response.json()
        deadline = time.monotonic() + 60
        while len(ran) < 3 and time.monotonic() < deadline:
            time.sleep(0.1)
    # The replacement is processed on the media worker, which queues the old files' removal
    # for the default worker: every line of both carries the id of the PUT.
    assert sorted((event["task"], event["queue"]) for event in ran) == [
        ("common.tasks.delete_files", "default"),
        ("common.tasks.delete_files", "default"),
        ("videos.tasks.process_upload", "media"),
    ]
    assert {event["request_id"] for event in ran + processing} == {"replace-media-1"}
    assert any(event["event"] == "processing_ready" for event in processing)


def test_production_logs_are_json_lines_by_default(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "k" * 60,
        "MONGODB_URI": "mongomock://localhost/logs",
        "REDIS_URL": "redis://127.0.0.1:1/0",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    env.pop("LOG_FORMAT", None)
    script = (
        "import django, structlog; django.setup(); "
        "structlog.get_logger('probe').info('hello', answer=42)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert (line["event"], line["answer"], line["level"]) == ("hello", 42, "info")


# ---- metrics --------------------------------------------------------------------------------


def test_metrics_count_requests_by_route_and_status_with_latency(api_client):
    before = scrape(api_client)
    api_client.get("/healthz")
    api_client.get(f"{VIDEOS}/{ObjectId()}")
    after = scrape(api_client)
    route = {"method": "GET", "route": "healthz"}
    total = "streamsphere_http_requests_total"
    assert (
        value(after, total, **route, status="200")
        == value(before, total, **route, status="200") + 1
    )
    latency = "streamsphere_http_request_seconds_count"
    assert value(after, latency, **route) == value(before, latency, **route) + 1
    missing = [key for key in after if key[0] == total and ("status", "404") in key[1]]
    assert missing


def test_metrics_count_task_outcomes_and_durations_per_queue(api_client, monkeypatch):
    name = "accounts.tasks.send_verification_code"
    ok = {"task": name, "queue": "default", "outcome": "success"}
    failed = {**ok, "outcome": "failure"}
    media = {"task": "videos.tasks.process_upload", "queue": "media", "outcome": "success"}
    before = scrape(api_client)

    assert api_client.post("/api/v1/auth/register", SIGN_UP, format="json").status_code == 202
    tasks.process_upload.delay(str(ObjectId()), 1)

    def broken_mail(**kwargs):
        raise ValueError("mail template broken")

    monkeypatch.setattr(account_tasks, "send_mail", broken_mail)
    with pytest.raises(ValueError):
        account_tasks.send_verification_code.delay("x@example.com", "123456", "x")

    after = scrape(api_client)
    for labels in (ok, failed, media):
        for sample in ("streamsphere_celery_tasks_total", "streamsphere_celery_task_seconds_count"):
            assert value(after, sample, **labels) == value(before, sample, **labels) + 1, labels
    assert value(after, "streamsphere_celery_task_seconds_sum", **ok) > value(
        before, "streamsphere_celery_task_seconds_sum", **ok
    )


def test_metrics_report_views_waiting_for_the_flush(api_client, make_user):
    video = ready_video(make_user())
    backlog = "streamsphere_counter_backlog"
    assert value(scrape(api_client), backlog, counter="views") == 0
    for n in range(3):
        play(api_client, video, REMOTE_ADDR=f"10.0.0.{n}")
    assert value(scrape(api_client), backlog, counter="views") == 3

    # A flush that renamed the pending hits into a batch and stopped: still waiting.
    redis = get_redis()
    redis.rename(counters.views.pending_key, counters.views.batch_key("stuck.0"))
    redis.zadd(counters.views.inflight_key, {"stuck.0": time.time()})
    play(api_client, video, REMOTE_ADDR="10.0.0.9")
    assert value(scrape(api_client), backlog, counter="views") == 4

    assert tasks.flush_view_counters.delay().get() == 4
    assert value(scrape(api_client), backlog, counter="views") == 0


def test_metrics_report_the_processing_queue_depth(api_client, make_user):
    owner = make_user()
    for status in ("uploaded", "uploaded", "processing", "ready", "failed", "draft"):
        ready_video(owner, status=status)
    samples = scrape(api_client)
    depth = "streamsphere_processing_queue_depth"
    assert value(samples, depth, status="uploaded") == 2
    assert value(samples, depth, status="processing") == 1
    assert not [key for key in samples if key[0] == depth and ("status", "ready") in key[1]]


def test_metrics_expose_the_notifications_fan_out_counter(api_client):
    name = "streamsphere_notifications_fanned_out_total"
    before = value(scrape(api_client), name)
    metrics.NOTIFICATIONS_FANNED_OUT.inc(3)
    assert value(scrape(api_client), name) == before + 3


def test_a_store_that_is_down_leaves_the_other_metrics_readable(api_client, monkeypatch):
    def down():
        raise ConnectionError("redis down")

    monkeypatch.setattr(metrics, "get_redis", down)
    samples = scrape(api_client)
    assert not [key for key in samples if key[0] == "streamsphere_counter_backlog"]
    assert [key for key in samples if key[0] == "streamsphere_http_requests_total"]


WORKER_SCRIPT = """
import django
django.setup()
from common import metrics
metrics.observe_task(task="t.mail", queue="default", outcome="success", seconds=0.2)
metrics.observe_task(task="t.mail", queue="default", outcome="success", seconds=0.4)
"""

WEB_SCRIPT = """
import django
django.setup()
from django.test import Client
client = Client()
client.get("/healthz")
print(client.get("/metrics").content.decode())
"""


def test_a_scrape_adds_up_every_process_of_every_service(tmp_path):
    """gunicorn workers and Celery workers each count in their own process: with
    PROMETHEUS_MULTIPROC_DIR (a directory per service on a shared volume) one scrape sums them.
    Each process here starts like a container of the image, through its entry point."""
    entrypoint = str(settings.BASE_DIR / "scripts" / "container-entrypoint.sh")

    def run(script: str, service: str, *, container_start: bool = False) -> str:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / service),
        }
        command = [sys.executable, "-c", script]
        if not container_start:
            # A second process of the same container, which must not empty the directory.
            (tmp_path / service).mkdir(exist_ok=True)
        else:
            command = [entrypoint, *command]
        result = subprocess.run(
            command,
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    run(WORKER_SCRIPT, "worker-default", container_start=True)
    run(WORKER_SCRIPT.replace("t.mail", "t.other"), "worker-media", container_start=True)
    run(WEB_SCRIPT, "web", container_start=True)
    samples = {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(run(WEB_SCRIPT, "web"))
        for sample in family.samples
    }
    mail_task = {"task": "t.mail", "queue": "default", "outcome": "success"}
    assert value(samples, "streamsphere_celery_tasks_total", **mail_task) == 2
    assert value(samples, "streamsphere_celery_task_seconds_sum", **mail_task) == pytest.approx(0.6)
    health = {"method": "GET", "route": "healthz", "status": "200"}
    assert value(samples, "streamsphere_http_requests_total", **health) == 2
    assert ("streamsphere_processing_queue_depth", (("status", "uploaded"),)) in samples

    # A container restarting empties its own directory only.
    run(WORKER_SCRIPT.replace("t.mail", "t.again"), "worker-default", container_start=True)
    restarted = run(WEB_SCRIPT, "web")
    assert 'task="t.mail"' not in restarted and 'task="t.again"' in restarted
    assert 'task="t.other"' in restarted
