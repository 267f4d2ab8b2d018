import pytest

from videos.samples import make_audio, make_clip


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("media-sources")


@pytest.fixture(scope="session")
def clip(media_dir):
    """A 2 s 320x240 video with audio, made once per session."""
    return make_clip(media_dir)


@pytest.fixture(scope="session")
def track(media_dir):
    """A 2 s audio-only track, made once per session."""
    return make_audio(media_dir)
