"""Production settings, loaded in a fresh process with only the required variables set."""

import json
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

REQUIRED = ("DJANGO_SECRET_KEY", "MONGODB_URI", "REDIS_URL", "DATABASE_URL")


@pytest.fixture
def minimal_env(tmp_path) -> dict[str, str]:
    """The least a production process gets: its secret and where its stores are."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
        "MONGODB_URI": "mongomock://localhost/production-check",
        "REDIS_URL": "redis://127.0.0.1:1/0",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'django.sqlite3'}",
        "VAR_DIR": str(tmp_path / "var"),
    }


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_only_the_required_variables(minimal_env):
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], minimal_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


@pytest.mark.parametrize("missing", REQUIRED)
def test_production_refuses_to_start_without_a_secret_or_a_store(minimal_env, missing):
    del minimal_env[missing]
    result = run(["manage.py", "check"], minimal_env)
    assert result.returncode != 0
    assert f"Set {missing} in the environment" in result.stderr


PROBE = """
import json, django
django.setup()
from django.test import Client
client = Client()
def seen(response):
    return {"status": response.status_code, "location": response.get("Location"),
            **{name: response.get(name) for name in (
                "Strict-Transport-Security", "X-Content-Type-Options", "Referrer-Policy",
                "X-Frame-Options", "Content-Security-Policy", "Cross-Origin-Opener-Policy")}}
print(json.dumps({
    "plain": seen(client.get("/api/v1/videos")),
    "probe": seen(client.get("/healthz")),
    "https": seen(client.get("/healthz", secure=True)),
    "docs": seen(client.get("/api/docs/", secure=True)),
    "proxied": seen(client.get("/healthz", headers={"X-Forwarded-Proto": "https"})),
    "forwarded_host": seen(client.get("/api/v1/nope", headers={
        "X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example"})),
}))
"""


def probe(env: dict[str, str]) -> dict:
    result = run(["-c", PROBE], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_https_is_enforced_with_security_headers_on_every_answer(minimal_env):
    seen = probe(minimal_env)
    assert seen["plain"]["status"] == 301
    assert seen["plain"]["location"] == "https://testserver/api/v1/videos"
    # Orchestrators call the probes on the container's own port, over plain HTTP.
    assert seen["probe"]["status"] == 200
    https = seen["https"]
    assert https["Strict-Transport-Security"] == "max-age=3600"
    assert https["X-Content-Type-Options"] == "nosniff"
    assert https["Referrer-Policy"] == "same-origin"
    assert https["X-Frame-Options"] == "DENY"
    assert https["Cross-Origin-Opener-Policy"] == "same-origin"
    assert https["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
    docs = seen["docs"]
    assert docs["status"] == 200
    assert "default-src 'self'" in docs["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in docs["Content-Security-Policy"]
    # Without a trusted proxy, a client cannot claim HTTPS with a header.
    assert seen["proxied"]["status"] == 200
    assert seen["proxied"]["Strict-Transport-Security"] is None


def test_behind_a_trusted_proxy_its_https_header_counts_and_hosts_stay_checked(minimal_env):
    seen = probe({**minimal_env, "TRUSTED_PROXY_COUNT": "1", "SECURE_HSTS_SECONDS": "31536000"})
    assert seen["proxied"]["status"] == 200
    assert seen["proxied"]["Strict-Transport-Security"] == "max-age=31536000"
    # X-Forwarded-Host is ignored unless USE_X_FORWARDED_HOST is set.
    assert seen["forwarded_host"]["status"] == 404
    seen = probe({**minimal_env, "TRUSTED_PROXY_COUNT": "1", "USE_X_FORWARDED_HOST": "true"})
    assert seen["forwarded_host"]["status"] == 400


def test_hsts_for_subdomains_and_preload_are_opt_in_and_then_checked(minimal_env):
    env = {**minimal_env, "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true", "SECURE_HSTS_PRELOAD": "1"}
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout
    seen = probe(env)
    assert seen["https"]["Strict-Transport-Security"] == "max-age=3600; includeSubDomains; preload"


def test_on_a_redis_cluster_the_broker_must_be_a_plain_redis(minimal_env):
    """Celery's Redis transport knows no cluster: without CELERY_BROKER_URL production would
    hand the cluster's node to it, so it refuses to start; with it, that is the broker."""
    minimal_env["REDIS_CLUSTER"] = "true"
    refused = run(["manage.py", "check"], minimal_env)
    assert refused.returncode != 0
    assert "Set CELERY_BROKER_URL in the environment" in refused.stderr
    minimal_env["CELERY_BROKER_URL"] = "redis://127.0.0.1:2/0"
    probe = "import django; django.setup(); from django.conf import settings as s; "
    probe += "print(s.CELERY_BROKER_URL, s.REDIS_CLUSTER, s.CACHES['default']['OPTIONS'])"
    shown = run(["-c", probe], minimal_env)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("redis://127.0.0.1:2/0 True ")
    assert "common.redis.ClusterConnectionFactory" in shown.stdout


MEDIA_PROBE = """
import django
django.setup()
from django.test import Client
print(Client().get("/media/probe.txt", secure=True).status_code)
"""


@pytest.mark.parametrize(("serve_media", "status"), [(None, 404), ("true", 200)])
def test_public_media_are_left_to_the_web_server_unless_asked(minimal_env, serve_media, status):
    media_root = Path(minimal_env["HOME"]) / "media"
    media_root.mkdir()
    (media_root / "probe.txt").write_text("a public file")
    env = {**minimal_env, "MEDIA_ROOT": str(media_root)}
    if serve_media:
        env["SERVE_MEDIA"] = serve_media
    result = run(["-c", MEDIA_PROBE], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == str(status)
