"""Who may call what, in the API's own terms."""

from rest_framework.permissions import IsAuthenticatedOrReadOnly


class ReadOrSignedIn(IsAuthenticatedOrReadOnly):
    """Reads for anyone, writes for a signed-in caller.

    A method the view does not serve passes, so anyone asking gets the 405 it is, not a 401 that
    sends an anonymous caller to sign in for nothing (the schema lists no credentials for the
    routes anyone may read, so clients call them without).
    """

    def has_permission(self, request, view) -> bool:
        if not hasattr(view, request.method.lower()):
            return True
        return super().has_permission(request, view)
