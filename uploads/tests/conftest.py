import pytest

from videos.samples import make_audio, make_clip


@pytest.fixture(scope="session")
def clip(tmp_path_factory):
    """A 2 s 320x240 video with audio, made once per session."""
    return make_clip(tmp_path_factory.mktemp("tus-clip"))


@pytest.fixture(scope="session")
def track(tmp_path_factory):
    """A 2 s audio-only track, made once per session."""
    return make_audio(tmp_path_factory.mktemp("tus-track"))
