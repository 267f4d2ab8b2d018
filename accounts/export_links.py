"""Signed download links of data exports: a browser fetches the zip without an auth header,
and a link works only until its expiry and only for the zip it was signed for (as
videos.signing signs media links)."""

import re
import time
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from accounts.documents import DataExport
from common.errors import NotFound
from common.ids import object_id

SALT = "streamsphere.export"
_EXPIRES = re.compile(r"[0-9]{1,12}")


def _sign(*, export: DataExport, expires: int) -> str:
    payload = f"{export.id}\n{export.file}\n{expires}"
    return salted_hmac(SALT, payload, algorithm="sha256").hexdigest()


def download_path(*, export: DataExport, expires: int) -> str:
    """The path and query of a ready export's download, valid until `expires` (epoch seconds)."""
    query = urlencode({"exp": expires, "sig": _sign(export=export, expires=expires)})
    return f"{reverse('export-download', kwargs={'pk': str(export.id)})}?{query}"


def export_to_download(*, export_id: str, expires: str | None, signature: str | None):
    """The ready export a link names, if its signature holds and it has not expired; anything
    else is a 404, so a link tells nothing once it stops working."""
    export = DataExport.objects(id=object_id(export_id), status="ready").first()
    valid = (
        export is not None
        and expires is not None
        and signature is not None
        and _EXPIRES.fullmatch(expires) is not None
        and int(expires) > time.time()
        and constant_time_compare(_sign(export=export, expires=int(expires)), signature)
    )
    if not valid:
        raise NotFound("This download link is invalid or has expired.")
    return export
