"""How playlists react to what lower apps announce."""

from playlists.tasks import forget_deleted_video


def on_video_deleted(*, video, **kwargs) -> None:
    """A deleted item leaves every playlist, through a retried task."""
    forget_deleted_video.delay(str(video.id))
