"""What can be reported: per target type, how to load it as the reporter sees it, frozen.

A type without an entry in TARGETS is a 404 (nothing found).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bson import ObjectId

from accounts.documents import User
from accounts.selectors import users_by_ids
from common.errors import NotFound
from common.ids import object_id
from engagement.selectors import comment_for_viewer, tweet_for_viewer
from videos.selectors import video_for_viewer


@dataclass(frozen=True)
class Reported:
    """A target the reporter can see, as it is now: its id, its owner and what it says."""

    id: ObjectId
    owner: User
    title: str
    text: str
    created_at: datetime | None


def _owner(owner_id: ObjectId) -> User:
    """The owner of a visible target; a suspended or missing one means nothing to report."""
    owner = users_by_ids(ids=[owner_id]).get(owner_id)
    if owner is None or not owner.is_active:
        raise NotFound()
    return owner


def _video(*, target_id: str, viewer: User) -> Reported:
    video = video_for_viewer(video_id=target_id, viewer=viewer)
    return Reported(
        id=video.id,
        owner=_owner(video.owner_id),
        title=video.title,
        text=video.description,
        created_at=video.created_at,
    )


def _tweet(*, target_id: str, viewer: User) -> Reported:
    tweet = tweet_for_viewer(tweet_id=target_id)
    return Reported(
        id=tweet.id,
        owner=_owner(tweet.author_id),
        title="",
        text=tweet.content,
        created_at=tweet.created_at,
    )


def _comment(*, target_id: str, viewer: User) -> Reported:
    comment = comment_for_viewer(comment_id=target_id, viewer=viewer)
    return Reported(
        id=comment.id,
        owner=_owner(comment.author_id),
        title="",
        text=comment.content,
        created_at=comment.created_at,
    )


def _user(*, target_id: str, viewer: User) -> Reported:
    user = _owner(object_id(target_id))
    return Reported(
        id=user.id, owner=user, title=user.full_name, text="", created_at=user.created_at
    )


# target type -> (target_id=str, viewer=User) -> the visible target; raises NotFound otherwise.
TARGETS: dict[str, Callable[..., Reported]] = {
    "video": _video,
    "comment": _comment,
    "tweet": _tweet,
    "user": _user,
}


def load_target(*, target_type: str, target_id: str, viewer: User) -> Reported:
    """The target the viewer wants to report, if they can see it; anything else is a 404."""
    load = TARGETS.get(target_type)
    if load is None:
        raise NotFound()
    return load(target_id=target_id, viewer=viewer)
