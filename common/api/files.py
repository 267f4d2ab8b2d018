"""Files answered under ASGI go out a block at a time, read in a worker thread.

Django can only iterate a FileResponse (ours for media, WhiteNoise's for static files, the
uploads' static view) synchronously, so under ASGI it reads the whole file into memory before
sending a byte. This middleware gives such answers an asynchronous iterator instead; under WSGI
it leaves them to the server (gunicorn sends them with sendfile).
"""

from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIRequest
from django.http import FileResponse

BLOCK_BYTES = 512 * 1024


async def _blocks(file):
    read = sync_to_async(file.read, thread_sensitive=False)
    while block := await read(BLOCK_BYTES):
        yield block


class AsyncFileResponsesMiddleware:
    """Streams file answers to ASGI servers without holding them whole."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            isinstance(request, ASGIRequest)
            and isinstance(response, FileResponse)
            and response.file_to_stream is not None
        ):
            response.streaming_content = _blocks(response.file_to_stream)
        return response
