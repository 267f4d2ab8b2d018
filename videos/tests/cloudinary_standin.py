"""A loopback stand-in for the slice of Cloudinary that django-cloudinary-storage talks to.

It speaks what the real cloudinary SDK sends once it is configured with
``upload_prefix=standin.base_url, cname=standin.host, secure=False``:

- ``POST /v1_1/<cloud>/<resource_type>/upload`` (signed multipart): stores the bytes and names
  them the way Cloudinary does (``public_id``, or ``use_filename`` plus a random six-character
  suffix unless ``unique_filename`` is off; ``folder`` in front; raw ids keep their extension,
  image and video ids lose it to ``format``);
- ``POST /v1_1/<cloud>/<resource_type>/destroy`` (signed): forgets the asset;
- ``GET``/``HEAD /<cloud>/<resource_type>/upload/[v<version>/]<public_id>[.<format>]``:
  delivery, which the storage uses for ``open``, ``exists`` and ``size`` and which clients
  follow redirects to.

Anything else is answered 404 and kept in ``unexpected`` so a test can assert nothing else was
called. Requests whose signature or api_key is wrong get Cloudinary's 401 error body.
"""

import hashlib
import json
import re
import secrets
import string
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from cloudinary.utils import api_sign_request

API_CALL = re.compile(
    r"^/v1_1/(?P<cloud>[^/]+)/(?P<type>image|raw|video)/(?P<action>upload|destroy)$"
)
DELIVERY = re.compile(
    r"^/(?P<cloud>[^/]+)/(?P<type>image|raw|video)/upload/(?:v\d+/)?(?P<public_id>.+)$"
)
DISPOSITION_PARAM = re.compile(r'(\w+)="([^"]*)"')
TYPES = {
    ".m3u8": "application/vnd.apple.mpegurl",
    ".ts": "video/mp2t",
    ".mp4": "video/mp4",
    ".jpg": "image/jpeg",
    ".png": "image/png",
}
UNSIGNED = {"file", "api_key", "signature", "resource_type", "cloud_name"}


@dataclass
class Asset:
    resource_type: str
    public_id: str
    data: bytes
    version: int
    format: str
    original_filename: str
    folder: str
    tags: list[str]


class CloudinaryStandIn:
    """Threaded HTTP server on 127.0.0.1 holding assets in memory; use it as a context manager."""

    def __init__(self, *, cloud_name: str, api_key: str, api_secret: str):
        self.cloud_name, self.api_key, self.api_secret = cloud_name, api_key, api_secret
        self.assets: dict[tuple[str, str], Asset] = {}
        self.uploads: list[Asset] = []
        self.destroyed: list[tuple[str, str]] = []
        self.deliveries: list[tuple[str, str]] = []
        self.unexpected: list[str] = []
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.server.server_address[1]}"

    @property
    def base_url(self) -> str:
        return f"http://{self.host}"

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)

    def asset(self, resource_type: str, public_id: str) -> Asset:
        with self.lock:
            return self.assets[(resource_type, public_id)]

    def url_of(self, asset: Asset) -> str:
        suffix = f".{asset.format}" if asset.format else ""
        return (
            f"{self.base_url}/{self.cloud_name}/{asset.resource_type}/upload/"
            f"v{asset.version}/{asset.public_id}{suffix}"
        )

    # Upload API

    def upload(self, resource_type: str, fields: dict, file: tuple[str, bytes]) -> dict:
        filename, data = file
        stem, extension = PurePosixPath(filename).stem, PurePosixPath(filename).suffix
        if fields.get("public_id"):
            public_id = fields["public_id"]
        elif fields.get("use_filename") in ("1", "true"):
            public_id = re.sub(r"[^\w.-]", "_", stem)
            if fields.get("unique_filename") not in ("0", "false"):
                public_id += "_" + "".join(
                    secrets.choice(string.ascii_lowercase + string.digits) for _ in range(6)
                )
        else:
            public_id = secrets.token_hex(10)
        if resource_type == "raw" and not fields.get("public_id"):
            public_id += extension
        folder = fields.get("folder", "").strip("/")
        if folder:
            public_id = f"{folder}/{public_id}"
        asset = Asset(
            resource_type=resource_type,
            public_id=public_id,
            data=data,
            version=int(time.time()),
            format="" if resource_type == "raw" else extension.lstrip(".").lower(),
            original_filename=filename,
            folder=folder,
            tags=[tag for tag in fields.get("tags", "").split(",") if tag],
        )
        with self.lock:
            existing = self.assets.get((resource_type, public_id))
            if existing is not None and fields.get("overwrite") in ("0", "false"):
                return {**self._describe(existing), "existing": True}
            self.assets[(resource_type, public_id)] = asset
            self.uploads.append(asset)
        return self._describe(asset)

    def destroy(self, resource_type: str, fields: dict) -> dict:
        key = (resource_type, fields.get("public_id", ""))
        with self.lock:
            self.destroyed.append(key)
            found = self.assets.pop(key, None)
        return {"result": "ok" if found else "not found"}

    def _describe(self, asset: Asset) -> dict:
        url = self.url_of(asset)
        described = {
            "asset_id": hashlib.md5(
                f"{asset.resource_type}/{asset.public_id}".encode()
            ).hexdigest(),
            "public_id": asset.public_id,
            "version": asset.version,
            "version_id": secrets.token_hex(16),
            "signature": hashlib.sha1(asset.data).hexdigest(),
            "resource_type": asset.resource_type,
            "type": "upload",
            "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(asset.version)),
            "tags": asset.tags,
            "bytes": len(asset.data),
            "etag": hashlib.md5(asset.data).hexdigest(),
            "placeholder": False,
            "url": url,
            "secure_url": url,
            "folder": asset.folder,
            "original_filename": PurePosixPath(asset.original_filename).stem,
        }
        if asset.format:
            described["format"] = asset.format
        return described

    def signature_ok(self, fields: dict) -> bool:
        signed = {k: v for k, v in fields.items() if k not in UNSIGNED}
        expected = api_sign_request(signed, self.api_secret)
        return fields.get("api_key") == self.api_key and fields.get("signature") == expected

    # Delivery

    def find(self, resource_type: str, path: str) -> Asset | None:
        with self.lock:
            asset = self.assets.get((resource_type, path))
            if asset is None and resource_type != "raw" and "." in path.rsplit("/", 1)[-1]:
                asset = self.assets.get((resource_type, path.rsplit(".", 1)[0]))
            return asset


def _handler_for(standin: CloudinaryStandIn):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format, *args):  # keep test output quiet
            pass

        def do_POST(self):
            match = API_CALL.match(urlsplit(self.path).path)
            if not match or match["cloud"] != standin.cloud_name:
                return self._unexpected()
            fields, files = _parse_form(self)
            if not standin.signature_ok(fields):
                return self._json(401, {"error": {"message": "Invalid Signature"}})
            if match["action"] == "upload":
                if "file" not in files:
                    return self._json(
                        400, {"error": {"message": "Missing required parameter - file"}}
                    )
                return self._json(200, standin.upload(match["type"], fields, files["file"]))
            return self._json(200, standin.destroy(match["type"], fields))

        def do_GET(self):
            self._deliver(body=True)

        def do_HEAD(self):
            self._deliver(body=False)

        def _deliver(self, *, body: bool):
            match = DELIVERY.match(unquote(urlsplit(self.path).path))
            if not match or match["cloud"] != standin.cloud_name:
                return self._unexpected(body=body)
            with standin.lock:
                standin.deliveries.append((self.command, self.path))
            asset = standin.find(match["type"], match["public_id"])
            if asset is None:
                return self._send(404, b"", "text/plain", body=body)
            extension = PurePosixPath(asset.public_id).suffix or f".{asset.format}"
            content_type = TYPES.get(extension, "application/octet-stream")
            self._send(
                200, asset.data, content_type, body=body, etag=hashlib.md5(asset.data).hexdigest()
            )

        def _unexpected(self, body: bool = True):
            standin.unexpected.append(f"{self.command} {self.path}")
            self._send(404, b"", "text/plain", body=body)

        def _json(self, status: int, payload: dict):
            self._send(status, json.dumps(payload).encode(), "application/json")

        def _send(self, status, data, content_type, *, body=True, etag=None):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            if etag:
                self.send_header("ETag", f'"{etag}"')
            self.end_headers()
            if body:
                self.wfile.write(data)

    return Handler


def _parse_form(handler: BaseHTTPRequestHandler) -> tuple[dict, dict]:
    """Fields and files of a multipart/form-data body (what urllib3 sends for every API call)."""
    body = handler.rfile.read(int(handler.headers.get("Content-Length", 0)))
    boundary = handler.headers.get_param("boundary")
    fields, files = {}, {}
    for part in body.split(b"--" + boundary.encode())[1:-1]:
        head, _, content = part.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        content = content.removesuffix(b"\r\n")
        disposition = next(
            line for line in head.decode().split("\r\n") if line.lower().startswith("content-disp")
        )
        params = dict(DISPOSITION_PARAM.findall(disposition))
        if "filename" in params:
            files[params["name"]] = (params["filename"], content)
        else:
            fields[params["name"]] = content.decode()
    return fields, files
