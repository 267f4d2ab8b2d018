"""What a resumable upload looks like in a JSON answer."""

from rest_framework import serializers


class UploadSerializer(serializers.Serializer):
    """A tus upload: tus clients read its headers; this body is for everyone else."""

    id = serializers.CharField(read_only=True)
    video_id = serializers.CharField(read_only=True)
    filename = serializers.CharField(read_only=True)
    length = serializers.IntegerField(read_only=True)
    offset = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField(read_only=True)
    expires_at = serializers.DateTimeField(read_only=True)

    def get_offset(self, upload) -> int:
        return self.context["offset"]
