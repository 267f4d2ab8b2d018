"""Test wiring shared by every app: clean stores per test, API clients and ready-made users."""

import mongoengine
import pytest
from django.contrib.auth.hashers import make_password
from rest_framework.test import APIClient

from accounts import services as account_services
from accounts.documents import User
from config.mongo import ensure_indexes
from config.redis import get_redis


@pytest.fixture(scope="session", autouse=True)
def _mongo_indexes():
    ensure_indexes()


@pytest.fixture(autouse=True)
def _clean_stores():
    """Every test starts with empty collections (indexes kept) and an empty Redis database."""
    db = mongoengine.get_db()
    for name in db.list_collection_names():
        db[name].delete_many({})
    get_redis().flushdb()
    yield


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def make_user():
    """Create an active, verified user directly in the store."""
    counter = {"n": 0}

    def _make(*, username: str | None = None, password: str = "S3cure-pass!", **extra) -> User:
        counter["n"] += 1
        username = username or f"user{counter['n']}"
        user = User(
            username=username,
            username_lower=username.lower(),
            email=extra.pop("email", f"{username.lower()}@example.com"),
            full_name=extra.pop("full_name", f"User {counter['n']}"),
            password=make_password(password),
            email_verified=True,
            **extra,
        )
        user.save(force_insert=True)
        return user

    return _make


@pytest.fixture
def auth_client(make_user):
    """An API client signed in as a fresh user (bearer token); `.user` is that user."""

    def _client(user: User | None = None) -> APIClient:
        user = user or make_user()
        pair = account_services.open_session(user=user)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {pair.access}")
        client.user = user
        client.tokens = pair
        return client

    return _client
