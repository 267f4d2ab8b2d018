"""Two users through the generated Python client (clients/python, openapi-python-client) against
a live embedded server: sign-up, an upload processed until ready, subscribing, liking, comments
and replies, tweets, the feed, notifications, the dashboard, search and trending. Every answer is
parsed with the generated models, and every raw JSON body checked against the schema."""

import io
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from tests.contract import check_response
from tests.live import CODE_MAILED, embedded_run, wait_for
from videos.samples import make_clip

sys.path.insert(0, str(settings.BASE_DIR / "clients" / "python"))

from streamsphere_api_client import AuthenticatedClient, Client
from streamsphere_api_client.api.auth import (
    auth_register_create,
    auth_register_verify_create,
    auth_token_refresh_create,
)
from streamsphere_api_client.api.channels import channels_subscription_update
from streamsphere_api_client.api.comments import (
    comments_replies_list,
    videos_comments_create,
)
from streamsphere_api_client.api.dashboard import (
    dashboard_stats_retrieve,
    dashboard_videos_analytics_retrieve,
    dashboard_videos_list,
)
from streamsphere_api_client.api.feed import feed_list
from streamsphere_api_client.api.likes import tweets_like_update, videos_like_update
from streamsphere_api_client.api.media import videos_hls_master_m3u8_retrieve
from streamsphere_api_client.api.notifications import (
    notifications_list,
    notifications_unread_count_retrieve,
)
from streamsphere_api_client.api.search import search_list
from streamsphere_api_client.api.trending import trending_list
from streamsphere_api_client.api.tweets import tweets_create
from streamsphere_api_client.api.videos import (
    videos_create,
    videos_retrieve,
    videos_views_create,
)
from streamsphere_api_client.models import (
    Analytics,
    AuthRegisterVerifyCreateXAuthCookies,
    AuthResult,
    AuthTokenRefreshCreateXAuthCookies,
    Comment,
    CommentCreateRequest,
    FeedPage,
    FeedTweetEntry,
    FeedVideoEntry,
    LikeState,
    NotificationTargetTypeEnum,
    NotifyEnum,
    NotifyRequest,
    PaginatedCommentList,
    PaginatedDashboardVideoList,
    PaginatedNotificationList,
    PaginatedSearchResultList,
    PaginatedTrendingVideoList,
    RefreshRequest,
    RegisterMultipartRequest,
    RegisterRequest,
    RegistrationStarted,
    SearchChannelHit,
    SearchVideoHit,
    Stats,
    Subscription,
    TokenPair,
    Tweet,
    TweetWriteRequest,
    UnreadCount,
    User,
    VerifyRequest,
    Video,
    VideoCreateMultipartRequest,
    VideoCreateRequest,
    VideoStatusEnum,
    ViewInputRequest,
    ViewResult,
)
from streamsphere_api_client.types import File

pytestmark = pytest.mark.slow

PASSWORD = "a-long-pass-phrase"
OMIT = AuthRegisterVerifyCreateXAuthCookies.OMIT


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The embedded run, as `make run` starts it (without the demo data)."""
    root = tmp_path_factory.mktemp("client-journey")
    with embedded_run(root) as (base, log):
        yield base, log, root


class Steps:
    """Counts the calls made and checks every raw answer against the schema as it arrives."""

    def __init__(self, base: str):
        self.base, self.calls = base, 0

    def _check(self, response) -> None:
        response.read()
        self.calls += 1
        check_response(
            response.request.method,
            response.request.url.path,
            response.status_code,
            response.headers.get("Content-Type", ""),
            response.content,
        )

    def client(self, token: str | None = None):
        """A generated client that raises on any status the schema does not list."""
        options = {
            "base_url": self.base,
            "raise_on_unexpected_status": True,
            "httpx_args": {"event_hooks": {"response": [self._check]}},
        }
        return AuthenticatedClient(token=token, **options) if token else Client(**options)


def expect(response, status: int, model: type):
    """The answer's parsed model, of the generated class the schema names for this status."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert isinstance(response.parsed, model), type(response.parsed)
    return response.parsed


def picture() -> File:
    data = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 40, 90)).save(data, "PNG")
    data.seek(0)
    return File(payload=data, file_name="me.png", mime_type="image/png")


def sign_up(steps: Steps, log: Path, username: str, *, form: bool) -> AuthResult:
    """Register (as JSON, or as a form with an avatar), read the code off the log, verify."""
    fields = {
        "username": username,
        "email": f"{username}@example.com",
        "full_name": username.title(),
        "password": PASSWORD,
    }
    body = (
        RegisterMultipartRequest(**fields, avatar=picture()) if form else RegisterRequest(**fields)
    )
    started = auth_register_create.sync_detailed(client=steps.client(), body=body)
    assert expect(started, 202, RegistrationStarted).expires_in == 300

    def code():
        messages = log.read_text().split("-" * 79)
        found = [c for m in messages if f"To: {username}@" in m for c in CODE_MAILED.findall(m)]
        return found[-1] if found else None

    otp = wait_for(code, seconds=30, log=log, what=f"the code for {username}")
    verified = auth_register_verify_create.sync_detailed(
        client=steps.client(),
        body=VerifyRequest(email=f"{username}@example.com", otp=otp),
        x_auth_cookies=OMIT,
    )
    assert "set-cookie" not in verified.headers
    session = expect(verified, 201, AuthResult)
    assert session.user.username == username
    assert (session.user.avatar_url is not None) == form
    return session


def test_two_users_go_through_the_platform_with_the_generated_client(server):
    base, log, root = server
    steps = Steps(base)
    alice = sign_up(steps, log, "alice", form=False)
    bob = sign_up(steps, log, "bob", form=True)
    creator, fan, anyone = steps.client(alice.access), steps.client(bob.access), steps.client()

    # The fan subscribes first, so the upload is news to them.
    subscribed = channels_subscription_update.sync_detailed(
        "alice", client=fan, body=NotifyRequest(notify=NotifyEnum.ALL)
    )
    expect(subscribed, 201, Subscription)

    # An upload as a form, processed by the run's worker while the client polls.
    clip = make_clip(root, name="sunrise.mp4", seconds=2, size="320x240")
    with clip.open("rb") as media:
        upload = VideoCreateMultipartRequest(
            title="Sunrise over the bay",
            tags=["sunrise", "timelapse"],
            file=File(payload=media, file_name="sunrise.mp4", mime_type="video/mp4"),
        )
        uploaded = expect(videos_create.sync_detailed(client=creator, body=upload), 202, Video)
    deadline = time.monotonic() + 120
    video = uploaded
    while video.status != VideoStatusEnum.READY and time.monotonic() < deadline:
        assert video.status != VideoStatusEnum.FAILED, video.failure_reason
        time.sleep(0.5)
        video = expect(videos_retrieve.sync_detailed(video.id, client=creator), 200, Video)
    assert video.status == VideoStatusEnum.READY and video.hls_url
    # ... and a draft as JSON, with no file.
    draft = videos_create.sync_detailed(client=creator, body=VideoCreateRequest(title="Notes"))
    assert expect(draft, 201, Video).status == VideoStatusEnum.DRAFT
    master = videos_hls_master_m3u8_retrieve.sync_detailed(video.id, client=anyone)
    assert master.status_code == 200 and master.parsed.payload.read().startswith(b"#EXTM3U")

    # Watching, liking, a comment and its reply, a tweet and its like.
    watched = videos_views_create.sync_detailed(
        video.id, client=fan, body=ViewInputRequest(position=1.0, watched_seconds=1.0)
    )
    expect(watched, 200, ViewResult)
    liked = expect(videos_like_update.sync_detailed(video.id, client=fan), 200, LikeState)
    assert liked.liked and liked.likes_count == liked.likes == 1
    comment = videos_comments_create.sync_detailed(
        video.id, client=fan, body=CommentCreateRequest(content="What a lovely sunrise")
    )
    comment = expect(comment, 201, Comment)
    assert comment.reply_to is None
    reply = videos_comments_create.sync_detailed(
        video.id, client=creator, body=CommentCreateRequest(content="Thanks!", parent=comment.id)
    )
    assert isinstance(expect(reply, 201, Comment).reply_to, User)
    replies = comments_replies_list.sync_detailed(comment.id, client=anyone)
    assert [r.content for r in expect(replies, 200, PaginatedCommentList).results] == ["Thanks!"]
    tweet = tweets_create.sync_detailed(client=creator, body=TweetWriteRequest(content="New clip!"))
    tweet = expect(tweet, 201, Tweet)
    expect(tweets_like_update.sync_detailed(tweet.id, client=fan), 200, LikeState)

    # The fan's feed: the item and the tweet, each its own variant.
    feed = expect(feed_list.sync_detailed(client=fan), 200, FeedPage)
    kinds = {type(entry) for entry in feed.results}
    assert kinds == {FeedVideoEntry, FeedTweetEntry}

    # Notifications: a subscriber is told as a channel target.
    def creator_told() -> PaginatedNotificationList | None:
        page = notifications_list.sync_detailed(client=creator)
        inbox = expect(page, 200, PaginatedNotificationList)
        kinds = {entry.kind.value for entry in inbox.results}
        return inbox if {"comment", "new_subscriber"} <= kinds else None

    inbox = wait_for(creator_told, seconds=30, log=log, what="the creator's notifications")
    targets = {entry.kind.value: entry.target.type_ for entry in inbox.results}
    assert targets["new_subscriber"] == NotificationTargetTypeEnum.CHANNEL
    unread = notifications_unread_count_retrieve.sync_detailed(client=creator)
    assert expect(unread, 200, UnreadCount).unread == len(inbox.results)
    again = notifications_unread_count_retrieve.sync_detailed(
        client=creator, if_none_match=unread.headers["ETag"]
    )
    assert again.status_code == 304

    def fan_told() -> set[str] | None:
        """The fan's notification kinds once fan-out (a task of the run's worker) told them."""
        page = notifications_list.sync_detailed(client=fan)
        kinds = {entry.kind.value for entry in expect(page, 200, PaginatedNotificationList).results}
        return kinds if {"reply", "new_video", "new_tweet"} <= kinds else None

    wait_for(fan_told, seconds=30, log=log, what="the fan's notifications")

    # The creator's dashboard.
    stats = expect(dashboard_stats_retrieve.sync_detailed(client=creator), 200, Stats)
    assert (stats.videos, stats.likes, stats.subscribers) == (2, 1, 1)
    mine = dashboard_videos_list.sync_detailed(client=creator)
    assert {v.title for v in expect(mine, 200, PaginatedDashboardVideoList).results} >= {"Notes"}
    analytics = dashboard_videos_analytics_retrieve.sync_detailed(video.id, client=creator)
    assert len(expect(analytics, 200, Analytics).retention) == 100

    # Search and trending, anonymously.
    found = expect(
        search_list.sync_detailed(client=anyone, q="sunrise"), 200, PaginatedSearchResultList
    )
    assert [type(hit) for hit in found.results] == [SearchVideoHit]
    assert found.results[0].video.id == video.id and found.results[0].channel is None
    people = expect(
        search_list.sync_detailed(client=anyone, q="alice"), 200, PaginatedSearchResultList
    )
    assert any(isinstance(hit, SearchChannelHit) for hit in people.results)
    expect(trending_list.sync_detailed(client=anyone), 200, PaginatedTrendingVideoList)

    # A new token pair, and the old refresh token is spent.
    refreshed = auth_token_refresh_create.sync_detailed(
        client=anyone,
        body=RefreshRequest(refresh=bob.refresh),
        x_auth_cookies=AuthTokenRefreshCreateXAuthCookies.OMIT,
    )
    assert expect(refreshed, 200, TokenPair).access != bob.access
    print(f"generated-client journey: {steps.calls} calls, every answer parsed and schema-valid")
