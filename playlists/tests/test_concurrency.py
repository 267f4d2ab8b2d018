"""Two clients editing one playlist at once: no duplicate, missing or lost items or positions."""

import random
import threading
import time

from playlists import services
from playlists.tests.helpers import (
    PLAYLISTS,
    bulk_ready_videos,
    move,
    playlist_in_store,
    put,
    shown,
    stored_doc,
    stored_ids,
)


def test_two_clients_adding_and_moving_at_once_lose_nothing(
    auth_client, make_user, atomic_updates, busy_threads, monkeypatch
):
    owner = make_user()
    phone, laptop = auth_client(owner), auth_client(owner)
    channel = make_user()
    initial = bulk_ready_videos(channel, 20, prefix="initial")
    playlist = str(playlist_in_store(owner, initial).id)
    fresh = bulk_ready_videos(channel, 50, prefix="fresh")
    plans = {phone: fresh[:25], laptop: fresh[25:]}
    outcomes = []
    lost_races = []
    sleep = time.sleep

    def pause_after_a_lost_race(seconds):
        lost_races.append(seconds)
        sleep(seconds)

    monkeypatch.setattr(services.time, "sleep", pause_after_a_lost_race)
    barrier = threading.Barrier(2)

    def edit(client, seed):
        chance = random.Random(seed)
        barrier.wait()
        for step in range(50):
            if step % 2 == 0:
                video = plans[client][step // 2]
                response = put(client, playlist, video, position=chance.randrange(45))
                outcomes.append(("add", video, response.status_code))
            else:
                video = chance.choice(initial)
                response = move(client, playlist, video, chance.randrange(45))
                outcomes.append(("move", video, response.status_code))

    threads = [
        threading.Thread(target=edit, args=(phone, 1)),
        threading.Thread(target=edit, args=(laptop, 2)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(outcomes) == 100
    assert {(kind, code) for kind, _, code in outcomes} == {("add", 201), ("move", 200)}
    stored = stored_ids(playlist)
    assert len(stored) == len(set(stored)) == 70
    assert set(stored) == {str(video.id) for video in [*initial, *fresh]}
    body = phone.get(f"{PLAYLISTS}/{playlist}").json()
    assert [position for position, _ in shown(body)] == list(range(70))
    assert [video_id for _, video_id in shown(body)] == stored
    assert body["videos_count"] == 70
    assert stored_doc(playlist)["revision"] <= 100
    assert lost_races, "the two clients never raced, so this proved nothing"
