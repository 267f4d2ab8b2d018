"""Ids from the outside world: a malformed one names nothing."""

from bson import ObjectId

from common.errors import NotFound


def object_id(value) -> ObjectId:
    """Parse an id from a URL or a body; anything that is not an ObjectId is a NotFound."""
    if isinstance(value, ObjectId):
        return value
    if not isinstance(value, str) or not ObjectId.is_valid(value):
        raise NotFound()
    return ObjectId(value)
