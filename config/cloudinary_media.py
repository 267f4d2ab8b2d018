"""Cloudinary storage for sources and HLS renditions; imported only when CLOUDINARY_URL is set."""

import cloudinary.uploader
from cloudinary_storage.storage import RawMediaCloudinaryStorage


class ExactNameRawCloudinaryStorage(RawMediaCloudinaryStorage):
    """Keeps each file under exactly its given name, as HLS playlists name segments relatively."""

    def _get_prefix(self) -> str:
        return ""

    def _upload(self, name, content):
        return cloudinary.uploader.upload(
            content,
            public_id=name,
            resource_type=self._get_resource_type(name),
            tags=self.TAG,
            overwrite=True,
            invalidate=True,
        )
