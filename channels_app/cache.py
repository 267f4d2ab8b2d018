"""Channel caches in Redis (see common.cache).

The channel profile: the user fields and item count are the same for every viewer, so they are
kept; subscriber figures and `is_subscribed` are added per request. Entries depend on the user's
stamp (profile, images, suspension) and the channel's (its listed items, stored subscriber
figures).

The ids of the channels a user follows, which every feed page needs: they depend on the user's
"following" stamp (their subscribing and unsubscribing) and on one stamp every channel suspension
or reinstatement replaces (rare, and it changes whose channels count as active).
"""

from bson import ObjectId

from accounts.documents import User
from channels_app import counters, selectors
from channels_app.serializers import ChannelSerializer
from common import cache
from common.api.views import viewer_of
from common.redis import get_redis

LIVE_FIELDS = ("subscribers_count", "subscriptions_count", "is_subscribed")
CHANNEL_ACTIVITY = ("channels", "activity")
STORED_FIGURES = tuple(
    field
    for counter in (*counters.subscribers.counters, *counters.subscriptions.counters)
    for field in (counter.field, counter.batches_field)
)


def _key(username: str, request) -> str:
    # Image URLs are absolute, so the host the caller used is part of the entry.
    return f"cache:channel:{username.strip().lower()}:{request.build_absolute_uri('/')}"


def channel_profile(*, username: str, request) -> dict:
    """GET /channels/{username}; a cached read costs no Mongo read of the user or its items."""
    key, viewer = _key(username, request), viewer_of(request)
    cached = cache.load(key)
    if cached is not None:
        return _with_live_fields(cached, viewer=viewer, request=request)
    found = selectors.channel_by_username(username=username)
    scopes = [("user", found.id), ("channel", found.id)]
    taken = cache.stamps(*scopes)
    # Read again after taking the stamps, so the entry is never older than its stamps.
    channel = selectors.channel_by_username(username=username)
    context = selectors.channel_context(users=[channel], viewer=viewer, request=request)
    data = ChannelSerializer(channel, context=context).data
    if channel.id == found.id:
        # The live fields keep their place, filled per request.
        shared = {name: None if name in LIVE_FIELDS else value for name, value in data.items()}
        stored = {name: getattr(channel, name) for name in STORED_FIGURES}
        cache.store(
            key,
            {"data": shared, "stored": stored},
            scopes=scopes,
            taken=taken,
        )
    return data


def _with_live_fields(cached: dict, *, viewer, request) -> dict:
    shared = cached["data"]
    figures = User(id=ObjectId(shared["id"]), **cached["stored"])
    serializer = ChannelSerializer(
        context={
            "request": request,
            "figures": counters.channel_figures(users=[figures]),
            "subscribed": selectors.subscribed_ids(viewer=viewer, ids=[figures.id]),
        }
    )
    data = dict(shared)
    data.update({name: getattr(serializer, f"get_{name}")(figures) for name in LIVE_FIELDS})
    return data


def followed_channel_ids(*, user: User) -> list[ObjectId]:
    """Ids of the active channels a user subscribes to: from Redis while they hold, else from
    the covered query (then kept), so a feed page reads no subscription."""
    key = f"cache:following:{user.id}"
    cached = cache.load(key)
    if cached is not None:
        return [ObjectId(value) for value in cached["ids"]]
    scopes = [("following", user.id), CHANNEL_ACTIVITY]
    taken = cache.stamps(*scopes)
    ids = selectors.followed_channel_ids(user=user)
    cache.store(key, {"ids": [str(value) for value in ids]}, scopes=scopes, taken=taken)
    return ids


def forget_profile(*, username: str) -> None:
    """Drop the cached profile of an account being deleted, whichever host it was built for."""
    redis = get_redis()
    pattern = f"cache:channel:{_glob_escaped(username.strip().lower())}:*"
    for key in redis.scan_iter(match=pattern, count=1000):
        redis.delete(key)


def _glob_escaped(text: str) -> str:
    """Text matched literally by a Redis pattern."""
    return "".join(f"\\{char}" if char in "*?[]\\" else char for char in text)
