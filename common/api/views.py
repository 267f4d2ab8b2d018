"""Helpers every view uses to read its caller and its input."""

from collections.abc import Callable
from functools import wraps

from django.views.decorators.csrf import csrf_exempt

from common.api.errors import method_not_allowed


def viewer_of(request):
    """The signed-in user making the request, or None for anonymous callers."""
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def validated(serializer_class, request, **kwargs) -> dict:
    """The request body checked by a serializer; a failure is a 400 in the error shape."""
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def plain_endpoint(*methods: str) -> Callable:
    """A non-DRF view (probes, metrics) answering other methods with a JSON 405, not CSRF HTML."""
    allowed = list(methods or ("GET", "HEAD"))

    def decorate(view):
        @csrf_exempt
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in allowed:
                return method_not_allowed(request, allowed=allowed)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
