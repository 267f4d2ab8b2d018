"""The purge of a deleted account, proved on a world where it left a trace in every collection,
in both media stores and in Redis: run whole, or killed at a quarter, half or three quarters of
its store operations and run again, it leaves no document, key or file naming the account or
what it made, and every other user's figures exact. Collections are discovered, so one added
later without purge support fails here."""

from pathlib import Path

import mongoengine
import pytest
from bson import ObjectId
from django.conf import settings
from django.utils import timezone

from accounts.documents import DELETED_ACCOUNT_ID, User
from accounts.purge import lock_key
from accounts.tasks import purge_account
from channels_app.documents import ChannelDailyStats, Subscription
from channels_app.tasks import flush_subscription_counters
from common import removal
from common.keyspace import segments
from common.redis import get_redis
from config.mongo import document_classes
from engagement import counters as engagement_counters
from engagement.documents import Comment, Like, Tweet
from engagement.tasks import flush_comment_counters, flush_like_counters
from notifications.selectors import shown_entries
from tests.killable import WorkerKilled, copy_stores, restore_stores, watch_operations
from tests.purge_world import EMAIL, PASSWORD, USERNAME, V1, build_world
from videos.documents import Video, VideoDailyStats
from videos.samples import make_clip
from videos.tasks import flush_view_counters
from videos.tests.helpers import VIDEOS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> Path:
    """One second of test pattern with a tone: an item with every rendition file, quickly."""
    return make_clip(tmp_path_factory.mktemp("purge"), seconds=1, size="160x120")


# Collections no existing account ever leaves a trace in, and why.
NEVER_NAME_AN_ACCOUNT = {
    "pending_registrations": "a sign-up names no account before it is verified, and an account's "
    "username or e-mail cannot be signed up for",
}
# What others made on the account's things, or keep of it by design.
OWNED = {
    "videos": "owner_id",
    "tweets": "author_id",
    "comments": "author_id",
    "playlists": "owner_id",
    "data_exports": "user_id",
    "uploads": "owner_id",
}


def _made_by(user_id: ObjectId) -> set[ObjectId]:
    """The account's id and the ids of what it made."""
    db = mongoengine.get_db()
    made = {user_id}
    for collection, field in OWNED.items():
        made |= {row["_id"] for row in db[collection].find({field: user_id}, {"_id": 1})}
    return made


def _names(value, ids: set[str], words: tuple[str, ...]) -> bool:
    """Whether a stored value (a document, a Redis value or name) names one of the ids or words."""
    if isinstance(value, dict):
        return any(_names(item, ids, words) for pair in value.items() for item in pair)
    if isinstance(value, (list, tuple, set)):
        return any(_names(item, ids, words) for item in value)
    if isinstance(value, ObjectId):
        return str(value) in ids
    if isinstance(value, str):
        lowered = value.lower()
        return any(ident in value for ident in ids) or any(word in lowered for word in words)
    return False


def _kept_on_purpose(collection: str, doc: dict, user_id: ObjectId) -> bool:
    """What the purge keeps by design: reports about the account or its content (moderators
    need them, with their snapshot), a reporter's notice that a report on one of its items was
    acted on, and the moderation log's decisions others took about its content."""
    if collection == "reports":
        return doc["target_owner_id"] == user_id and doc["reporter_id"] != user_id
    if collection == "notifications":
        return doc["kind"] == "report_resolved" and doc["target_id"] != user_id
    if collection == "moderation_decisions":
        return doc.get("actor_id") != user_id
    return False


def _documents_naming(user_id: ObjectId, made: set[ObjectId]) -> list[tuple[str, dict]]:
    db = mongoengine.get_db()
    ids, words = {str(ident) for ident in made}, (USERNAME, EMAIL)
    return [
        (name, doc)
        for name in db.list_collection_names()
        for doc in db[name].find()
        if _names(doc, ids, words) and not _kept_on_purpose(name, doc, user_id)
    ]


def _redis_naming(made: set[ObjectId]) -> list[str]:
    redis, ids = get_redis(), {str(ident) for ident in made}
    found = []
    for key in redis.scan_iter(count=1000):
        kind = redis.type(key)
        content = {
            "hash": lambda key: redis.hgetall(key),
            "set": lambda key: redis.smembers(key),
            "zset": lambda key: redis.zrange(key, 0, -1),
            "list": lambda key: redis.lrange(key, 0, -1),
            "string": lambda key: redis.get(key),
        }[kind](key)
        if segments(key) & ids or _names([key, content], ids, (USERNAME, EMAIL)):
            found.append(key)
    return found


def _files() -> set[str]:
    folders = (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT, settings.MEDIA_WORK_DIR)
    return {str(path) for folder in folders for path in Path(folder).rglob("*") if path.is_file()}


def _files_naming(made: set[ObjectId]) -> set[str]:
    return {path for path in _files() if any(str(ident) in path for ident in made)}


def _shown_figures(world, api_client) -> None:
    """Every other user's figures, as the API shows them, match the records left."""
    for client in world.others.values():
        body = api_client.get(f"{V1}/channels/{client.user.username}").json()
        assert body["subscribers_count"] == Subscription.objects(channel_id=client.user.id).count()
        mine = Subscription.objects(subscriber_id=client.user.id).count()
        assert body["subscriptions_count"] == mine
        count = client.get(f"{V1}/notifications/unread-count").json()["unread"]
        assert count == shown_entries(user=client.user, unread=True).count()
    for video in Video.objects:
        body = api_client.get(f"{VIDEOS}/{video.id}").json()
        assert body["likes"] == Like.objects(target_type="video", target_id=video.id).count()
        published = Comment.objects(video_id=video.id, status="published").count()
        assert body["comments_count"] == published
    for post in Tweet.objects:
        body = api_client.get(f"{V1}/tweets/{post.id}").json()
        assert body["likes"] == Like.objects(target_type="tweet", target_id=post.id).count()
    comments = list(Comment.objects)
    likes = engagement_counters.comment_likes.current(docs=comments)
    for comment in comments:
        assert (
            likes[comment.id] == Like.objects(target_type="comment", target_id=comment.id).count()
        )
        replies = Comment.objects(parent_id=comment.id, status="published").count()
        assert comment.replies_count == replies


def _stored_figures(world) -> None:
    """Once every counter is flushed, stored and daily figures match the records too."""
    for flush in (
        flush_view_counters,
        flush_like_counters,
        flush_comment_counters,
        flush_subscription_counters,
    ):
        flush.delay()
    for video in Video.objects:
        likes = Like.objects(target_type="video", target_id=video.id).count()
        published = Comment.objects(video_id=video.id, status="published").count()
        days = list(VideoDailyStats.objects(video_id=video.id))
        assert (video.likes, sum(day.likes for day in days)) == (likes, likes)
        assert (video.comments_count, sum(day.comments for day in days)) == (published, published)
    for client in world.others.values():
        user = User.objects.get(id=client.user.id)
        subscribers = Subscription.objects(channel_id=user.id).count()
        days = list(ChannelDailyStats.objects(channel_id=user.id))
        assert user.subscribers_gained - user.subscribers_lost == subscribers
        assert sum(day.gained - day.lost for day in days) == subscribers
        assert user.subscriptions_count == Subscription.objects(subscriber_id=user.id).count()


def _assert_purged(world, api_client, *, made: set[ObjectId], others_files: set[str]) -> None:
    user_id = world.user.id
    assert User.objects(id=user_id).first() is None
    tombstones = list(Comment.objects(author_id=DELETED_ACCOUNT_ID))
    assert [(c.content, c.replies_count) for c in tombstones] == [("", 1)]
    kept = tombstones[0]
    listed = api_client.get(f"{VIDEOS}/{kept.video_id}/comments").json()["results"]
    shown = next(comment for comment in listed if comment["id"] == str(kept.id))
    assert (shown["author"], shown["content"]) == (None, "")  # from a deleted account
    replies = api_client.get(f"{V1}/comments/{kept.id}/replies").json()["results"]
    assert [(reply["content"], reply["reply_to"]) for reply in replies] == [("Why?", None)]
    gone = made - {comment.id for comment in tombstones}
    assert _documents_naming(user_id, gone) == []
    assert _redis_naming(gone) == []
    assert _files_naming(gone) == set()
    assert others_files <= _files()
    _shown_figures(world, api_client)
    _stored_figures(world)
    body = {"username": USERNAME, "email": EMAIL, "full_name": "New", "password": PASSWORD}
    assert api_client.post(f"{V1}/auth/register", body, format="json").status_code == 202


def _counted_moves(monkeypatch, operations) -> dict[tuple, tuple[int, int]]:
    """Per removal that moves counters (by what it moves), the operations of its first batch's
    moves: the first one, and the last."""
    windows = {}
    real = removal._move

    def move(moves, **kwargs):
        first = operations.count + 1
        real(moves, **kwargs)
        windows.setdefault(tuple(sorted({move[0] for move in moves})), (first, operations.count))

    monkeypatch.setattr(removal, "_move", move)
    return windows


def test_a_purge_killed_and_run_again_leaves_nothing_and_keeps_figures_exact(
    auth_client, make_user, api_client, clip, monkeypatch, settings, tmp_path
):
    world = build_world(
        auth_client=auth_client, make_user=make_user, api_client=api_client, clip=clip
    )
    user_id = world.user.id
    made = _made_by(user_id)
    db = mongoengine.get_db()
    unfilled = {
        cls._get_collection_name()
        for cls in document_classes()
        if not any(
            _names(doc, {str(i) for i in made}, ()) for doc in db[cls._get_collection_name()].find()
        )
    }
    assert unfilled == set(NEVER_NAME_AN_ACCOUNT), "fill these collections for the account"
    assert _redis_naming(made) and _files_naming(made)
    others_files = _files() - _files_naming(made)

    response = world.leaving.post(f"{V1}/users/me/deletion", {"password": PASSWORD}, format="json")
    assert response.status_code == 202
    User.objects(id=user_id).update_one(set__deletion_due_at=timezone.now())
    settings.ACCOUNT_PURGE_LOCK_SECONDS = 1
    saved = copy_stores(tmp_path)
    operations = watch_operations(monkeypatch)
    windows = _counted_moves(monkeypatch, operations)
    assert purge_account.delay(str(user_id)).get() is True
    whole_run = operations.count
    _assert_purged(world, api_client, made=made, others_files=others_files)

    # A quarter, half and three quarters in; and, in the first batch of every removal that moves
    # counters, at each operation from the counters' move to the next one (the window where a
    # purge that did not note its moves would count them twice).
    shares = {int(whole_run * share) for share in (0.25, 0.5, 0.75)}
    critical = {point for first, last in windows.values() for point in range(first, last + 2)}
    for kill_at in sorted(shares | critical):
        restore_stores(saved)
        operations.restart(kill_at=kill_at)
        with pytest.raises(WorkerKilled):
            purge_account.delay(str(user_id))
        operations.restart()
        assert User.objects(id=user_id).first() is not None
        lock = lock_key(user_id)
        assert 0 < get_redis().pttl(lock) <= 1000  # held by the dead run until it lapses
        get_redis().delete(lock)  # as it does within a second
        assert purge_account.delay(str(user_id)).get() is True
        _assert_purged(world, api_client, made=made, others_files=others_files)
