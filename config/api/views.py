"""Helpers every viewset uses to read its caller."""


def viewer_of(request):
    """The signed-in user making the request, or None for anonymous callers."""
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def object_id_or_404(value: str):
    """Parse an id from a URL; a malformed one names nothing, so it is a 404."""
    from bson import ObjectId
    from rest_framework.exceptions import NotFound

    if not ObjectId.is_valid(value):
        raise NotFound()
    return ObjectId(value)
