"""Reads of resumable uploads: only their owner ever finds one."""

from django.utils import timezone

from accounts.documents import User
from common.errors import NotFound
from common.ids import object_id
from uploads import parts
from uploads.documents import Upload


def upload_for_owner(*, upload_id: str, user: User) -> Upload:
    """The caller's own upload while it has not expired; anyone else's, or none, is a 404."""
    upload = Upload.objects(id=object_id(upload_id), owner_id=user.id).first()
    if upload is None or upload.expires_at <= timezone.now():
        raise NotFound("No such upload, or it expired.")
    return upload


def current_offset(*, upload: Upload) -> int:
    """How many bytes of the upload the server holds; a request still writing is waited for."""
    if upload.completed_at is not None:
        return upload.length
    with parts.locked(upload.id, exclusive=False) as part:
        if part is None or part.gone:
            raise NotFound("No such upload, or it expired.")
        return part.size
