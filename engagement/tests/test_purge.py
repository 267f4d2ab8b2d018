"""Engagement's part of an account's purge, killed at every one of its store operations and run
again: each figure the account's likes and comments counted in moves exactly once."""

import mongoengine
import pytest

from accounts.documents import DELETED_ACCOUNT_ID
from common.redis import get_redis
from engagement import counters, purge, services
from engagement.comment_counts import flush_comment_counters
from engagement.documents import Comment, Like, Tweet
from engagement.likes import flush_like_counters
from engagement.tests.helpers import tweet
from tests.killable import WorkerKilled, watch_operations
from videos.documents import Video
from videos.tests.helpers import ready_video


def _clean() -> None:
    db = mongoengine.get_db()
    for name in db.list_collection_names():
        db[name].delete_many({})
    get_redis().flushdb()


def _world(make_user) -> dict:
    """The leaving account likes others' items, tweets and comments, comments alone, in a thread
    of another's and in one another answered; others like its comments. Half the counts are
    flushed, half wait in Redis."""
    leaving, fan, creator = (make_user(username=name) for name in ("leaving", "fan", "creator"))
    items = [ready_video(creator, title=f"item {n}") for n in range(2)]
    posts = [tweet(creator, f"post {n}") for n in range(2)]
    first = services.create_comment(
        author=fan, video_id=str(items[0].id), content="First", parent=None
    )
    for item in items:
        services.like(user=leaving, target_type="video", target_id=str(item.id))
    for post in posts:
        services.like(user=leaving, target_type="tweet", target_id=str(post.id))
    services.like(user=leaving, target_type="comment", target_id=str(first.id))
    mine = [
        services.create_comment(author=leaving, video_id=str(item.id), content=text, parent=None)
        for item, text in ((items[0], "Alone"), (items[1], "Answered"))
    ]
    services.create_comment(
        author=leaving, video_id=str(items[0].id), content="Agreed", parent=str(first.id)
    )
    flush_like_counters()
    flush_comment_counters()
    services.create_comment(
        author=fan, video_id=str(items[1].id), content="Why?", parent=str(mine[1].id)
    )
    for comment in mine:
        services.like(user=fan, target_type="comment", target_id=str(comment.id))
    services.like(user=leaving, target_type="video", target_id=str(items[0].id))
    return {"leaving": leaving, "items": items, "posts": posts}


def _exact(world) -> None:
    """Every figure shown, and stored once flushed, is what the records say."""
    for flushed in (False, True):
        if flushed:
            flush_like_counters()
            flush_comment_counters()
        videos = list(Video.objects)
        likes = counters.video_likes.current(docs=videos)
        comments = counters.video_comments.current(docs=videos)
        for video in videos:
            assert likes[video.id] == Like.objects(target_id=video.id).count()
            assert comments[video.id] == Comment.objects(video_id=video.id).count()
        posts = list(Tweet.objects)
        tweet_likes = counters.tweet_likes.current(docs=posts)
        for post in posts:
            assert tweet_likes[post.id] == Like.objects(target_id=post.id).count()
        notes = list(Comment.objects)
        comment_likes = counters.comment_likes.current(docs=notes)
        for note in notes:
            assert comment_likes[note.id] == Like.objects(target_id=note.id).count()
            assert note.replies_count == Comment.objects(parent_id=note.id).count()
    assert Like.objects(user_id=world["leaving"].id).count() == 0
    assert Comment.objects(author_id=world["leaving"].id).count() == 0
    kept = Comment.objects.get(author_id=DELETED_ACCOUNT_ID)
    assert (kept.content, kept.replies_count) == ("", 1)


def test_every_step_killed_and_run_again_moves_each_figure_once(make_user, monkeypatch):
    world = _world(make_user)
    operations = watch_operations(monkeypatch)
    purge.purge_account(user=world["leaving"])
    whole_run = operations.count
    _exact(world)
    for kill_at in range(1, whole_run + 1):
        _clean()
        world = _world(make_user)
        operations.restart(kill_at=kill_at)
        with pytest.raises(WorkerKilled):
            purge.purge_account(user=world["leaving"])
        operations.restart()
        purge.purge_account(user=world["leaving"])
        _exact(world)
