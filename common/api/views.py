"""Helpers every viewset uses to read its caller and its input."""


def viewer_of(request):
    """The signed-in user making the request, or None for anonymous callers."""
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def validated(serializer_class, request, **kwargs) -> dict:
    """The request body checked by a serializer; a failure is a 400 in the error shape."""
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
