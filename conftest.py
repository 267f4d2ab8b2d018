"""Test wiring shared by every app: clean stores per test, API clients and ready-made users."""

import shutil
import threading
from contextlib import ExitStack

import mongoengine
import mongomock
import pytest
from django.conf import settings
from django.contrib.auth.hashers import make_password
from rest_framework.test import APIClient

from accounts import services as account_services
from accounts.documents import User
from common.redis import get_redis
from config import journal_capture
from config.mongo import ensure_indexes, is_in_memory
from tests.contract import check_response
from tests.index_coverage import problems
from tests.index_exceptions import EXEMPT
from tests.recorded_queries import QueryRecorder, collection_scans, documents_by_collection


@pytest.fixture(scope="session", autouse=True)
def _mongo_indexes():
    ensure_indexes()


@pytest.fixture(scope="session", autouse=True)
def _write_barrier():
    """The embedded run's write barrier wraps the store's write methods once per process; put
    it in place before any test's query recorder wraps them, so the recorder restores it."""
    journal_capture.install(redis_server=None)


@pytest.fixture(scope="session", autouse=True)
def _answers_match_the_schema():
    """Every JSON answer a test client gets is checked against the schema (tests/contract.py)."""
    from django.test.client import Client

    original = Client.request

    def checked(self, **request):
        response = original(self, **request)
        if not response.streaming:
            check_response(
                request["REQUEST_METHOD"],
                request["PATH_INFO"],
                response.status_code,
                response.get("Content-Type", ""),
                response.content,
            )
        return response

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Client, "request", checked)
        yield


@pytest.fixture(autouse=True)
def _clean_stores():
    """Each test starts with empty collections (indexes kept), Redis and media folders."""
    db = mongoengine.get_db()
    for name in db.list_collection_names():
        db[name].delete_many({})
    get_redis().flushdb()
    yield
    for folder in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT, settings.MEDIA_WORK_DIR):
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def _index_coverage(monkeypatch):
    """Every query the project's code makes while a test runs is served by a declared index and,
    on a hot path, names its collection's shard key (tests/index_coverage.py, with the listed
    exceptions); on a MongoDB server its plan also reads no collection whole."""
    recorder = QueryRecorder(monkeypatch)
    yield
    queries = recorder.queries
    found = problems(queries, documents_by_collection(), EXEMPT)
    if not is_in_memory():
        found += collection_scans(queries, EXEMPT)
    if found:
        pytest.fail("\n".join(found), pytrace=False)


# Run before every script the tests' code sends: each command the script calls is checked, by
# the server's own COMMAND GETKEYS, to touch only keys the script named in KEYS. A Redis Cluster
# refuses keys of other slots; this refuses the undeclared ones that happen to share a slot too.
NAMED_KEYS_ONLY = """
local declared, server = {}, redis
for _, key in ipairs(KEYS) do declared[key] = true end
local function named_keys_only(call)
  return function(command, ...)
    local found, keys = pcall(server.call, 'COMMAND', 'GETKEYS', command, ...)
    for _, key in ipairs(found and keys or {}) do
      if not declared[key] then error('script touched undeclared key ' .. key, 0) end
    end
    return call(command, ...)
  end
end
local redis = setmetatable(
  {call = named_keys_only(server.call), pcall = named_keys_only(server.pcall)},
  {__index = server}
)
"""


@pytest.fixture(autouse=True)
def _scripts_name_their_keys(monkeypatch):
    """Every Lua script the code runs in a test may touch only the keys it names (see
    NAMED_KEYS_ONLY), on one server, a cluster, or in a pipeline to either."""
    import redis
    from redis.cluster import ClusterPipeline, RedisCluster

    for client in (redis.Redis, redis.client.Pipeline, RedisCluster, ClusterPipeline):
        send = client.execute_command

        def guarded(self, *args, _send=send, **kwargs):
            if str(args[0]).upper() == "EVAL" and not args[1].startswith(NAMED_KEYS_ONLY):
                args = (args[0], NAMED_KEYS_ONLY + args[1], *args[2:])
            return _send(self, *args, **kwargs)

        monkeypatch.setattr(client, "execute_command", guarded)


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


@pytest.fixture
def mongo_reads(monkeypatch):
    """Count read round-trips to Mongo (find, aggregate, count) made while a test runs: one per
    call our code makes, as a server sees them; the reads a call makes inside itself (mongomock's
    aggregate and find_one run a find, pymongo's find_one too) are not counted again."""
    collection_class = type(mongoengine.get_db()["probe"])
    calls = {"n": 0}
    inside = threading.local()
    for method in ("find", "find_one", "aggregate", "count_documents", "find_one_and_update"):
        original = getattr(collection_class, method)

        def counted(self, *args, _original=original, **kwargs):
            if getattr(inside, "call", False):
                return _original(self, *args, **kwargs)
            calls["n"] += 1
            inside.call = True
            try:
                return _original(self, *args, **kwargs)
            finally:
                inside.call = False

        monkeypatch.setattr(collection_class, method, counted)
    return calls


@pytest.fixture
def redis_calls(monkeypatch):
    """Count round-trips to Redis (a command, a script, or a pipeline sent at once), to one
    server or to a cluster (a pipeline's commands go to their nodes at once)."""
    import redis
    from redis.cluster import ClusterPipeline, RedisCluster

    calls = {"n": 0}
    for client, pipeline in ((redis.Redis, redis.client.Pipeline), (RedisCluster, ClusterPipeline)):
        command, send = client.execute_command, pipeline.execute

        def counted_command(self, *args, _command=command, _pipeline=pipeline, **kwargs):
            if not isinstance(self, _pipeline):
                calls["n"] += 1
            return _command(self, *args, **kwargs)

        def counted_send(self, *args, _send=send, **kwargs):
            calls["n"] += 1
            return _send(self, *args, **kwargs)

        monkeypatch.setattr(client, "execute_command", counted_command)
        monkeypatch.setattr(pipeline, "execute", counted_send)
    return calls


@pytest.fixture
def reads_per_page(mongo_reads):
    """Mongo reads one list page costs, checked to be the same for a short and a long page."""

    def _reads(client, url: str, *, short: int = 2, long: int = 25) -> int:
        counts = []
        for size in (short, long):
            mongo_reads["n"] = 0
            assert len(client.get(url, {"limit": size}).json()["results"]) == size
            counts.append(mongo_reads["n"])
        assert counts[0] == counts[1], f"reads grow with the page: {counts}"
        return counts[0]

    return _reads


@pytest.fixture
def atomic_mongo_writes(monkeypatch):
    """For tests that race requests in threads: each mongomock write becomes atomic, as every
    single-document write is on a MongoDB server (mongomock checks unique indexes and finds
    what to delete without a lock). Against a real server this changes nothing."""
    if not isinstance(mongoengine.get_connection(), mongomock.MongoClient):
        return
    lock = threading.RLock()
    for owner, name in (
        (mongomock.collection.Collection, "_insert"),
        (mongomock.collection.Collection, "_update"),
        (mongomock.collection.Collection, "_delete"),
        (mongomock.collection.Cursor, "_compute_results"),
    ):
        original = getattr(owner, name)

        def locked(*args, _original=original, **kwargs):
            with lock:
                return _original(*args, **kwargs)

        monkeypatch.setattr(owner, name, locked)


@pytest.fixture
def celery_workers():
    """Call with queue names ("media", "default") to start a real worker for each, in threads.

    The memory:// broker lives in this process, so the workers see what the API queues, and
    they share the in-process Mongo."""
    from tests.workers import Workers

    with ExitStack() as stack:
        yield Workers(stack)
