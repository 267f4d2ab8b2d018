"""Patterned fields answer a huge hostile value with a quick 400: no pattern ever sees more than
the field's length limit, and no pattern backtracks, so one request cannot stall the server."""

import importlib
import importlib.util
import pkgutil
import re
import time
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from rest_framework import serializers

from common.api.serializers import PatternField
from videos.tests.helpers import ready_video

HUGE = 64_000
# The shapes that made nested quantifiers backtrack: a long run, then what fails the match.
HOSTILE = ("a" * HUGE + "\x00", "a" * HUGE, " " * HUGE + "\x00", "0" * HUGE + "!")
# And for patterns that scan free text: runs of separators that words, hosts and paths share.
TEXTS = (*HOSTILE, "a-" * (HUGE // 2), "a." * (HUGE // 2), "@" * HUGE, "/" * HUGE, "a:" * HUGE)
QUICK_SECONDS = 0.1


def our_packages() -> list[str]:
    """common and every installed app of this repository (config, wiring that reads no input,
    aside), so a new app is covered at once."""
    root = Path(settings.BASE_DIR)
    apps_here = [
        app.name
        for app in django_apps.get_app_configs()
        if Path(app.path).is_relative_to(root)
        and ".venv" not in Path(app.path).parts
        and app.name != "config"
    ]
    return ["common", *apps_here]


def quickest(call) -> tuple[object, float]:
    """The answer and the shorter of two timings, so a busy machine's pause is not a failure."""
    timings = []
    for _ in range(2):
        started = time.perf_counter()
        answer = call()
        timings.append(time.perf_counter() - started)
        if timings[-1] < QUICK_SECONDS:
            break
    return answer, min(timings)


@pytest.fixture
def targets(auth_client):
    """A signed-in owner with an item, a playlist and a comment to aim at."""
    owner = auth_client()
    video = ready_video(owner.user)
    playlist = owner.post("/api/v1/playlists", {"name": "Mix"}, format="json").json()
    return owner, video, playlist


def requests_with(owner, video, playlist, value: str) -> dict:
    """Every route whose input a pattern checks, with `value` in the patterned place."""
    sign_up = {"username": "grace", "email": "grace@example.com", "full_name": "Grace"}
    return {
        "playlist name": lambda: owner.post("/api/v1/playlists", {"name": value}, format="json"),
        "playlist rename": lambda: owner.patch(
            f"/api/v1/playlists/{playlist['id']}", {"name": value}, format="json"
        ),
        "playlist items cursor": lambda: owner.get(
            f"/api/v1/playlists/{playlist['id']}", {"cursor": value}
        ),
        "item tags": lambda: owner.post(
            "/api/v1/videos", {"title": "Clip", "tags": [value]}, format="json"
        ),
        "item retag": lambda: owner.patch(
            f"/api/v1/videos/{video.id}", {"tags": [value]}, format="json"
        ),
        "register username": lambda: owner.post(
            "/api/v1/auth/register",
            {**sign_up, "username": value, "password": "long-enough-pass"},
            format="json",
        ),
        "register password": lambda: owner.post(
            "/api/v1/auth/register", {**sign_up, "password": value}, format="json"
        ),
        "verify code": lambda: owner.post(
            "/api/v1/auth/register/verify",
            {"email": "grace@example.com", "otp": value},
            format="json",
        ),
        "rename me": lambda: owner.patch("/api/v1/users/me", {"username": value}, format="json"),
        "new password": lambda: owner.post(
            "/api/v1/auth/password/change",
            {"old_password": "S3cure-pass!", "new_password": value},
            format="json",
        ),
        "reply parent": lambda: owner.post(
            f"/api/v1/videos/{video.id}/comments", {"content": "Hi", "parent": value}, format="json"
        ),
        "feed cursor": lambda: owner.get("/api/v1/feed", {"cursor": value}),
        "mark read": lambda: owner.post(
            "/api/v1/notifications/read", {"ids": [value]}, format="json"
        ),
    }


ROUTES = list(requests_with(None, None, {"id": ""}, ""))


@pytest.mark.parametrize("hostile", HOSTILE[:2], ids=["nul-suffix", "plain"])
@pytest.mark.parametrize("route", ROUTES)
def test_a_huge_value_in_a_patterned_field_is_a_quick_400(targets, route, hostile):
    owner, video, playlist = targets
    response, seconds = quickest(requests_with(owner, video, playlist, hostile)[route])
    assert response.status_code == 400, response.content[:300]
    assert response.json()["error"]["code"] == "validation_error"
    assert seconds < QUICK_SECONDS, f"{route} took {seconds:.2f} s"


def _serializer_classes() -> list[type]:
    packages = our_packages()
    for name in (f"{package}.serializers" for package in [*packages, "common.api"]):
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name)
    found, pending = [], [serializers.Serializer]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in packages:
            found.append(cls)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__name__}")


def _pattern_fields(fields, path: str):
    for name, field in fields.items():
        yield from _pattern_fields_of(field, f"{path}.{name}")


def _pattern_fields_of(field, path: str):
    if isinstance(field, serializers.RegexField):
        yield path, field
    if getattr(field, "child", None) is not None:
        yield from _pattern_fields_of(field.child, f"{path}[]")
    if isinstance(field, serializers.Serializer):
        yield from _pattern_fields(field.fields, path)


def every_pattern_field() -> list[tuple[str, serializers.RegexField]]:
    """Each pattern-checked field of every serializer the apps declare, by dotted path."""
    return [
        found
        for cls in _serializer_classes()
        for found in _pattern_fields(cls().fields, f"{cls.__module__}.{cls.__name__}")
    ]


def test_every_pattern_field_refuses_over_length_input_before_its_pattern_runs():
    fields = every_pattern_field()
    assert len(fields) >= 10
    unbounded = [path for path, field in fields if not isinstance(field, PatternField)]
    assert not unbounded, f"RegexFields without the length check first: {unbounded}"


@pytest.mark.parametrize("hostile", HOSTILE, ids=["nul-suffix", "plain", "blank-nul", "digits"])
def test_no_pattern_field_takes_long_on_a_worst_case_value(hostile):
    slow = {}
    for path, field in every_pattern_field():
        started = time.perf_counter()
        with pytest.raises(serializers.ValidationError):
            field.run_validation(hostile)
        seconds = time.perf_counter() - started
        if seconds >= QUICK_SECONDS:
            slow[path] = round(seconds, 2)
    assert not slow


def _module_patterns() -> list[tuple[str, re.Pattern]]:
    """Every compiled pattern a module of the apps keeps at its top level."""
    found = []
    for app in our_packages():
        package = importlib.import_module(app)
        for module_info in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".tests" in module_info.name or ".migrations" in module_info.name:
                continue
            module = importlib.import_module(module_info.name)
            found += [
                (f"{module_info.name}.{name}", value)
                for name, value in vars(module).items()
                if isinstance(value, re.Pattern)
            ]
    return sorted(set(found), key=lambda pair: pair[0])


@pytest.mark.parametrize("text", TEXTS, ids=lambda text: repr(text[:2]))
def test_no_module_level_pattern_takes_long_on_a_worst_case_text(text):
    patterns = _module_patterns()
    assert len(patterns) >= 8
    slow = {}
    for path, pattern in patterns:
        started = time.perf_counter()
        pattern.search(text)
        seconds = time.perf_counter() - started
        if seconds >= QUICK_SECONDS:
            slow[path] = round(seconds, 2)
    assert not slow
