"""How engagement reacts to what lower apps announce: item pages, deletions, suspensions."""

from engagement import selectors, services


def video_page_context(*, videos, viewer, **kwargs) -> dict:
    """Like and comment figures and the viewer's likes for a page of items (videos' context)."""
    return selectors.video_like_context(videos=videos, viewer=viewer)


def video_deleted(*, video, **kwargs) -> None:
    services.on_target_deleted(target_type="video", target_id=video.id)
    services.on_video_deleted(video_id=video.id)


def account_status_changed(*, user, active: bool, **kwargs) -> None:
    services.on_account_status_changed(user=user, active=active)
