"""Loudness through the API: processing measures every item (EBU R128) and plays audio items at
-14 LUFS, so a playlist of tracks mastered 12 dB apart plays at even volume (checked by
ffmpeg on the renditions the API serves)."""

import subprocess
from pathlib import Path

import pytest

from videos.loudness import MEASURE_CHAIN, STEREO, Loudness, parse_summary
from videos.media_tools import FFMPEG
from videos.samples import make_clip
from videos.tests.helpers import VIDEOS, path_of, upload

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def tone(folder: Path, name: str, *, gain_db: float, frequency: int = 440) -> Path:
    """4 s of lavfi's sine (1/8 of full scale) raised or lowered by `gain_db`."""
    path = folder / name
    source = f"sine=frequency={frequency}:sample_rate=44100:duration=4,volume={gain_db}dB"
    encode = ["-c:a", "aac", "-b:a", "192k", str(path)]
    subprocess.run([FFMPEG, "-v", "error", "-y", "-f", "lavfi", "-i", source, *encode], check=True)
    return path


def measured(path: Path) -> Loudness:
    """Loudness of a file's audio as the renditions carry it (stereo), by ffmpeg's ebur128."""
    measure = ["-af", f"{STEREO},{MEASURE_CHAIN}", "-f", "null", "-"]
    result = subprocess.run(
        [FFMPEG, "-hide_banner", "-nostats", "-i", str(path), "-map", "0:a:0", *measure],
        capture_output=True,
        check=True,
    )
    return parse_summary(result.stderr.decode())


def rendition_audio(client, item: dict, variant: str, folder: Path) -> Path:
    """A variant's segments, fetched through the API and joined into one MPEG-TS file."""
    base = path_of(item["hls_url"]).rsplit("/", 1)[0]
    playlist = client.get(f"{base}/{variant}/index.m3u8").content.decode()
    segments = [line for line in playlist.splitlines() if line and not line.startswith("#")]
    joined = folder / f"{item['id']}-{variant}.ts"
    with joined.open("wb") as out:
        for segment in segments:
            response = client.get(f"{base}/{variant}/{segment}")
            out.write(b"".join(response.streaming_content))
    return joined


def test_two_tracks_12_db_apart_play_within_1_lu_of_each_other(auth_client, tmp_path):
    client = auth_client()
    loud = tone(tmp_path, "loud.m4a", gain_db=6)
    quiet = tone(tmp_path, "quiet.m4a", gain_db=-6)
    sources = {"loud": measured(loud).integrated, "quiet": measured(quiet).integrated}
    assert sources["loud"] - sources["quiet"] == pytest.approx(12, abs=0.3)

    items = {
        name: client.get(f"{VIDEOS}/{upload(client, path).json()['id']}").json()
        for name, path in (("loud", loud), ("quiet", quiet))
    }
    for name, item in items.items():
        assert item["status"] == "ready" and item["gain_applied"] is True
        assert item["loudness_lufs"] == pytest.approx(sources[name], abs=0.3)
        assert item["gain_db"] == pytest.approx(-14 - item["loudness_lufs"], abs=0.05)

    played = {
        (name, variant): measured(rendition_audio(client, item, variant, tmp_path)).integrated
        for name, item in items.items()
        for variant in ("aac_128k", "aac_64k")
    }
    for variant in ("aac_128k", "aac_64k"):
        assert abs(played["loud", variant] - played["quiet", variant]) <= 1.0, played
    assert all(value == pytest.approx(-14, abs=1.0) for value in played.values()), played


def test_a_track_is_raised_only_as_far_as_its_peaks_allow(auth_client, tmp_path):
    # A 20 Hz tone peaking near -6 dBTP counts little in loudness (K-weighting cuts lows):
    # -14 LUFS would need 6 dB, and its peaks leave room for under 5 below -1 dBTP.
    bass = tone(tmp_path, "bass.m4a", gain_db=15, frequency=20)
    source = measured(bass)
    assert -14 - source.integrated > -1 - source.true_peak > 0
    client = auth_client()
    item = client.get(f"{VIDEOS}/{upload(client, bass).json()['id']}").json()
    assert item["gain_db"] == pytest.approx(-1 - source.true_peak, abs=0.2)
    played = measured(rendition_audio(client, item, "aac_128k", tmp_path))
    assert played.true_peak <= -0.5
    assert played.integrated == pytest.approx(source.integrated + item["gain_db"], abs=0.5)


def test_a_video_is_measured_and_left_as_it_is_for_players_to_adjust(auth_client, tmp_path):
    client = auth_client()
    clip = make_clip(tmp_path, seconds=3)
    item = client.get(f"{VIDEOS}/{upload(client, clip).json()['id']}").json()
    assert item["gain_applied"] is False
    assert item["loudness_lufs"] == pytest.approx(measured(clip).integrated, abs=0.3)
    assert item["gain_db"] == pytest.approx(-14 - item["loudness_lufs"], abs=0.05)
    audio = measured(rendition_audio(client, item, "audio", tmp_path))
    assert audio.integrated == pytest.approx(item["loudness_lufs"], abs=0.5)

    mute = make_clip(tmp_path, name="mute.mp4", audio=False)
    item = client.get(f"{VIDEOS}/{upload(client, mute).json()['id']}").json()
    assert (item["loudness_lufs"], item["gain_db"], item["gain_applied"]) == (None, None, False)
