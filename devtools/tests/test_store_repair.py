"""The counters' repair the embedded run makes at start: figures a crash left behind their
records are recounted, even those touched a moment before the crash."""

from io import StringIO

import pytest
from rest_framework.test import APIClient

from config import journal_capture, journal_tasks
from config.journal import Journal
from devtools.management.commands.serve import Command
from devtools.store_repair import repair_counters
from engagement.documents import Tweet
from engagement.likes import flush_like_counters
from engagement.tests.helpers import like, tweet
from videos.tests.helpers import ready_video

pytestmark = pytest.mark.redis


def test_the_repair_at_start_recounts_figures_their_records_disagree_with(auth_client, make_user):
    owner = make_user()
    post, video = tweet(owner), ready_video(owner, likes=7)
    fans = [auth_client() for _ in range(3)]
    for fan in fans:
        like(fan, post)
    flush_like_counters()
    # What the crash left: the likes kept, a +1 lost; all of them touched just now.
    Tweet._get_collection().update_one({"_id": post.id}, {"$inc": {"likes": -1}})
    assert APIClient().get(f"/api/v1/tweets/{post.id}").json()["likes"] == 2

    assert repair_counters() == 2
    assert APIClient().get(f"/api/v1/tweets/{post.id}").json()["likes"] == 3
    assert APIClient().get(f"/api/v1/videos/{video.id}").json()["likes"] == 0


def test_a_start_removes_a_cut_short_save_and_repairs_what_it_restores(
    auth_client, make_user, tmp_path, settings
):
    settings.STORE_SNAPSHOT_FILE = tmp_path / "store.snapshot"
    settings.STORE_JOURNAL_FILE = tmp_path / "store.journal"
    settings.STORE_JOURNAL = True
    settings.STORE_JOURNAL_SYNC = "FULL"
    partial = tmp_path / "store.snapshot.tmp"
    partial.write_bytes(b"half a snapshot")
    post = tweet(make_user())
    like(auth_client(), post)
    flush_like_counters()
    Tweet._get_collection().update_one({"_id": post.id}, {"$set": {"likes": 5}})

    command = Command(stdout=StringIO())
    snapshotter = command._restore_stores(fresh=False)
    try:
        assert not partial.exists()
        assert Tweet.objects.get(id=post.id).likes == 1
        assert "left by a save that was cut short" in command.stdout.getvalue()
    finally:
        journal_capture.record_into(None)
        journal_tasks.record_tasks(None)
        snapshotter.journal.close()


def test_with_the_journal_off_a_journal_left_behind_is_replayed_saved_and_removed(
    make_user, tmp_path, settings
):
    settings.STORE_SNAPSHOT_FILE = tmp_path / "store.snapshot"
    settings.STORE_JOURNAL_FILE = tmp_path / "store.journal"
    settings.STORE_JOURNAL_SYNC = "FULL"
    post = tweet(make_user(), content="journalled only")
    journal_capture.install(redis_server=None)
    left = Journal(path=settings.STORE_JOURNAL_FILE)
    left.start()
    journal_capture.record_into(left)
    Tweet._get_collection().update_one({"_id": post.id}, {"$set": {"content": "edited"}})
    journal_capture.record_into(None)
    left.close()
    Tweet._get_collection().update_one({"_id": post.id}, {"$set": {"content": "as snapshotted"}})

    settings.STORE_JOURNAL = False
    snapshotter = Command(stdout=StringIO())._restore_stores(fresh=False)
    assert snapshotter.journal is None
    assert Tweet.objects.get(id=post.id).content == "edited"
    assert settings.STORE_SNAPSHOT_FILE.exists()
    assert not list(tmp_path.glob("store.journal*"))
