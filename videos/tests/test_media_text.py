"""The pipeline's text and arithmetic without ffmpeg: playlists, storyboard plans and tracks,
loudness summaries and gains, candidate times."""

import pytest

from videos import m3u8
from videos.frames import candidate_times, stills_chain
from videos.live import publishable_master
from videos.loudness import Loudness, parse_summary
from videos.storyboard import MAX_TILES, plan_storyboard

EVENT = """#EXTM3U
#EXT-X-VERSION:6
#EXT-X-TARGETDURATION:6
#EXT-X-MEDIA-SEQUENCE:0
#EXT-X-PLAYLIST-TYPE:EVENT
#EXT-X-INDEPENDENT-SEGMENTS
#EXTINF:6.000000,
seg_000.ts
#EXTINF:6.000000,
seg_001.ts
#EXTINF:2.500000,
seg_002.ts
"""

MASTER = """#EXTM3U
#EXT-X-VERSION:6
#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="group_aud",NAME="audio_0",DEFAULT=YES,URI="audio/index.m3u8"
#EXT-X-STREAM-INF:BANDWIDTH=3080800,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2",AUDIO="group_aud"
720p/index.m3u8

#EXT-X-STREAM-INF:BANDWIDTH=580800,RESOLUTION=426x240,CODECS="avc1.640015,mp4a.40.2",AUDIO="group_aud"
240p/index.m3u8

#EXT-X-STREAM-INF:BANDWIDTH=140800,CODECS="mp4a.40.2",AUDIO="group_aud"
audio/index.m3u8
"""


def test_segments_know_where_each_starts_and_which_holds_a_moment():
    assert [(s.uri, s.start, s.duration) for s in m3u8.segments(EVENT)] == [
        ("seg_000.ts", 0.0, 6.0),
        ("seg_001.ts", 6.0, 6.0),
        ("seg_002.ts", 12.0, 2.5),
    ]
    assert m3u8.segment_at(EVENT, 0)[0].uri == "seg_000.ts"
    assert m3u8.segment_at(EVENT, 7.5) == (m3u8.segments(EVENT)[1], 1.5)
    assert m3u8.segment_at(EVENT, 14.5) == (m3u8.segments(EVENT)[2], 2.5)
    assert m3u8.segment_at("#EXTM3U\n", 1) is None


def test_an_event_playlist_turns_vod_and_starts_at_its_beginning():
    finished = EVENT + "#EXT-X-ENDLIST\n"
    assert not m3u8.is_complete(EVENT) and m3u8.is_complete(finished)
    vod = m3u8.as_vod(finished)
    assert "#EXT-X-PLAYLIST-TYPE:VOD" in vod and "EVENT" not in vod
    assert vod.replace("VOD", "EVENT") == finished
    started = m3u8.starting_at_beginning(EVENT, whole=61.5).splitlines()
    assert started[:4] == [
        "#EXTM3U",
        "#EXT-X-VERSION:6",
        m3u8.START_AT_BEGINNING,
        "#EXT-X-SERVER-CONTROL:HOLD-BACK=61.500",
    ]
    again = m3u8.starting_at_beginning("\n".join(started), whole=61.5)
    assert again.count("#EXT-X-START") == again.count("#EXT-X-SERVER-CONTROL") == 1
    # At least three target durations, as the RFC wants, however short the item.
    assert "HOLD-BACK=18.000" in m3u8.starting_at_beginning(EVENT, whole=4)
    # A master playlist (no target duration) only gets where to start.
    assert "SERVER-CONTROL" not in m3u8.starting_at_beginning(MASTER, whole=60)


def test_a_master_names_only_the_variants_whose_playlists_exist():
    everything = {"720p/index.m3u8", "240p/index.m3u8", "audio/index.m3u8"}
    assert m3u8.master_naming_only(MASTER, available=everything).split() == MASTER.split()
    small = m3u8.master_naming_only(MASTER, available={"240p/index.m3u8", "audio/index.m3u8"})
    assert "720p" not in small and "240p/index.m3u8" in small and "audio/index.m3u8" in small
    # Video without its audio group would play silent or not at all: not named yet.
    assert m3u8.master_naming_only(MASTER, available={"720p/index.m3u8"}) is None
    # A master read half-written names what it names completely, or nothing.
    cut = MASTER[: MASTER.index("240p/index") + 3]
    assert m3u8.master_naming_only(cut, available=everything).count("STREAM-INF") == 1
    assert publishable_master(MASTER, available=set()) is None
    assert m3u8.START_AT_BEGINNING in publishable_master(MASTER, available=everything)


@pytest.mark.parametrize(
    ("duration", "interval", "count", "grid"),
    [
        (7, 2, 4, (4, 1)),
        (60, 2, 30, (10, 3)),
        (200, 2, 100, (10, 10)),
        (4 * 3600, 144, 100, (10, 10)),
    ],
)
def test_a_storyboard_holds_at_most_100_frames_whatever_the_duration(
    duration, interval, count, grid
):
    plan = plan_storyboard(duration=duration, width=1280, height=720)
    assert (plan.interval, plan.count, (plan.columns, plan.rows)) == (interval, count, grid)
    assert plan.count <= MAX_TILES and plan.count * plan.interval >= duration
    assert (plan.tile_width, plan.tile_height) == (160, 90)
    assert plan.filter_chain == f"fps=1/{interval},scale=160:90,setsar=1,tile={grid[0]}x{grid[1]}"


def test_a_storyboard_track_points_each_cue_at_its_tile():
    plan = plan_storyboard(duration=25.5, width=720, height=1280)
    assert (plan.tile_width, plan.tile_height, plan.columns, plan.rows) == (90, 160, 10, 2)
    track = plan.webvtt()
    assert track.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nsprite.jpg#xywh=0,0,90,160\n")
    assert "00:00:20.000 --> 00:00:22.000\nsprite.jpg#xywh=0,160,90,160\n" in track
    assert track.rstrip().endswith("00:00:24.000 --> 00:00:25.500\nsprite.jpg#xywh=180,160,90,160")
    hours = plan_storyboard(duration=3 * 3600 + 0.25, width=640, height=480).webvtt()
    assert hours.rstrip().endswith(
        "02:59:51.000 --> 03:00:00.250\nsprite.jpg#xywh=1440,1080,160,120"
    )


SUMMARY = """[Parsed_ebur128_0 @ 0x1] Summary:

  Integrated loudness:
    I:         -70.0 LUFS
    Threshold:   0.0 LUFS

  True peak:
    Peak:       -inf dBFS
[libx264 @ 0x2] frame I:4
[Parsed_ebur128_10 @ 0x3] Summary:

  Integrated loudness:
    I:         -21.8 LUFS
    Threshold: -31.8 LUFS

  Loudness range:
    LRA:         0.0 LU

  True peak:
    Peak:      -16.1 dBFS
[aac @ 0x4] Qavg: 50909.953
"""


def test_the_last_loudness_summary_counts_and_gives_the_gain_to_minus_14():
    loudness = parse_summary(SUMMARY)
    assert loudness == Loudness(integrated=-21.8, true_peak=-16.1)
    assert loudness.gain_db == 7.8
    assert parse_summary(SUMMARY[: SUMMARY.index("[libx264")]) == Loudness(None, None)
    assert Loudness(integrated=-8.0, true_peak=0.5).gain_db == -6.0
    assert Loudness(integrated=-30.0, true_peak=-4.0).gain_db == 3.0
    assert Loudness(integrated=None, true_peak=None).gain_db is None
    assert parse_summary("ffmpeg said nothing of loudness") is None


def test_three_candidates_spread_over_the_item():
    assert candidate_times(10) == [2.5, 5.0, 7.5]
    assert candidate_times(7) == [1.75, 3.5, 5.25]
    chain = stills_chain([2.5, 5.0, 7.5])
    assert chain.startswith(
        "select='gte(t-start_t,2.500)*lt(selected_n,1)+gte(t-start_t,5.000)*lt(selected_n,2)"
    )
