"""The full-stack files are checked statically (no container engine runs here)."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_compose_runs_every_store_and_process_with_shared_media():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    workers = {"worker-media": "media", "worker-default": "default"}
    assert set(services) == {"mongo", "redis", "postgres", "web", "beat", *workers}
    assert "--replSet" in services["mongo"]["command"]
    for name in ("web", "beat", *workers):
        env = services[name]["environment"]
        assert env["MONGODB_URI"].startswith("mongodb://mongo:27017/")
        assert env["REDIS_URL"] == "redis://redis:6379/0"
        assert env["DATABASE_URL"].startswith("postgres://")
        assert "data:/data" in services[name]["volumes"]
        assert env["MEDIA_WORK_DIR"].startswith("/data/")
    assert "gunicorn" in services["web"]["command"]
    for name, queue in workers.items():
        command = services[name]["command"]
        assert command[:4] == ["celery", "-A", "config", "worker"]
        assert command[command.index("-Q") + 1] == queue
    assert "DatabaseScheduler" in " ".join(services["beat"]["command"])


def test_image_has_ffmpeg_and_serves_with_gunicorn():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "ffmpeg" in dockerfile
    assert "FROM python:3.11" in dockerfile
    assert "gunicorn" in dockerfile
