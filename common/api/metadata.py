"""What OPTIONS answers: the view's name, description and content types, nothing per object."""

from rest_framework.metadata import SimpleMetadata


class PlainMetadata(SimpleMetadata):
    """DRF's metadata without the per-action forms, which would load an object for PUT routes."""

    def determine_actions(self, request, view):
        return {}
