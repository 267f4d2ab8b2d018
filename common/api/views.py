"""Helpers every view uses to read its caller and its input."""

from collections.abc import Callable
from functools import wraps

from django.views.decorators.csrf import csrf_exempt
from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation

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


class BytesNegotiation(DefaultContentNegotiation):
    """For views that answer bytes of their own type (media, playlists): whatever the Accept
    header names, the view picks its type itself, and an error is JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except NotAcceptable:
            return renderers[0], renderers[0].media_type


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
