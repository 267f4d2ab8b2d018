"""The nginx front end's files, checked without a container engine: the template compose renders
passes `nginx -t` (Debian's nginx), and it agrees with the app on paths, prefixes and body limits.
tests/test_nginx_front.py runs it for real in front of a live server."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

from common.api.limits import body_limit, describe_size
from tests import nginx

ROOT = Path(__file__).resolve().parents[2]


def services() -> dict:
    return yaml.safe_load(nginx.COMPOSE.read_text())["services"]


def test_the_config_compose_renders_passes_nginx_t(tmp_path):
    result = nginx.check_compose_config(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_nginx_t_catches_a_mistake_in_the_template(tmp_path):
    broken = tmp_path / "default.conf.template"
    text = nginx.TEMPLATE.read_text()
    broken.write_text(text.replace("proxy_buffering off;", "proxy_bufering off;", 1))
    result = nginx.check_compose_config(tmp_path / "prefix", template=broken)
    assert result.returncode != 0
    assert 'unknown directive "proxy_bufering"' in result.stderr


def test_an_upper_case_variable_nobody_gives_stops_the_rendering():
    with pytest.raises(KeyError, match="NGINX_LISTEN"):
        nginx.render("listen ${NGINX_LISTEN}; return 200 $host;", {})
    assert nginx.render("listen ${NGINX_LISTEN}; return 200 $host;", {"NGINX_LISTEN": "80"}) == (
        "listen 80; return 200 $host;"
    )


def _routes(patterns) -> list:
    """Every view callable the URL configuration routes to."""
    found = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            found += _routes(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            found.append(pattern.callback)
    return found


@pytest.mark.parametrize(
    "limits",
    [
        {},
        {"REQUEST_BODY_MAX_BYTES": 1000, "MEDIA_MAX_UPLOAD_BYTES": 200_000, "IMAGE_MAX_BYTES": 3},
    ],
)
def test_nginx_takes_exactly_the_largest_body_any_route_takes(settings, limits):
    for name, value in limits.items():
        setattr(settings, name, value)
    largest = max(
        body_limit(view, method)
        for view in _routes(get_resolver().url_patterns)
        for method in ("POST", "PUT", "PATCH")
    )
    derived = nginx.upload_limits(
        {name: str(getattr(settings, name)) for name in nginx.LIMIT_SETTINGS}
    )
    assert int(derived["UPLOAD_BODY_MAX_BYTES"]) == largest
    assert derived["UPLOAD_BODY_MAX_TEXT"] == describe_size(largest)


def test_without_a_limit_the_front_does_not_start():
    values = {"REQUEST_BODY_MAX_BYTES": "1", "IMAGE_MAX_BYTES": "1"}
    with pytest.raises(RuntimeError, match="MEDIA_MAX_UPLOAD_BYTES"):
        nginx.upload_limits(values)


def test_web_and_nginx_get_the_same_paths_prefix_and_limits_with_the_app_s_defaults():
    web, front = services()["web"]["environment"], services()["nginx"]["environment"]
    assert {name: front[name] for name in nginx.SHARED} == {
        name: web[name] for name in nginx.SHARED
    }
    assert web["STREAM_DELIVERY"] == "accel"
    # Compose's defaults are the app's own: read them where no variable is set.
    defaults = ("STREAM_ACCEL_PREFIX", *nginx.LIMIT_SETTINGS)
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, sys; from config.settings import base; "
            "print(json.dumps({name: getattr(base, name) for name in sys.argv[1:]}))",
            *defaults,
        ],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    app_defaults = json.loads(shown.stdout)
    compose_defaults = nginx.compose_values()
    assert {name: compose_defaults[name] for name in defaults} == {
        name: str(value) for name, value in app_defaults.items()
    }


def test_nginx_is_the_front_door_and_web_is_not_published():
    stack = services()
    front, web = stack["nginx"], stack["web"]
    assert re.fullmatch(r"nginx:\d+\.\d+\.\d+", front["image"]), "the official image, pinned"
    assert front["ports"] == ["8000:80"]
    assert "ports" not in web
    assert front["depends_on"]["web"]["condition"] == "service_healthy"
    assert "./deploy/nginx/templates:/etc/nginx/templates:ro" in front["volumes"]
    envsh = "./deploy/nginx/upload-limit.envsh:/docker-entrypoint.d/15-upload-limit.envsh:ro"
    assert envsh in front["volumes"]
    assert nginx.UPLOAD_LIMITS.stat().st_mode & 0o111, "the entrypoint sources only executables"
    assert "data:/data:ro" in front["volumes"]
    # The image's STATIC_ROOT, made and owned by the app user: a fresh volume starts as its copy.
    assert "static:/app/var/static" in web["volumes"]
    assert "mkdir -p /app/var/static" in (ROOT / "Dockerfile").read_text()
    assert f"static:{front['environment']['NGINX_STATIC_ROOT']}:ro" in front["volumes"]
    assert "collectstatic" in web["command"]


def test_the_template_serves_under_the_app_s_urls():
    text = nginx.TEMPLATE.read_text()
    assert f"location /{settings.STATIC_URL.strip('/')}/ {{" in text
    assert f"location {settings.MEDIA_URL} {{" in text
    assert "location ${STREAM_ACCEL_PREFIX} {\n        internal;" in text
    assert settings.STREAM_ACCEL_PREFIX.endswith("/"), "the alias maps the prefix to a folder"
