"""ASGI entry point: uvicorn in the embedded run, gunicorn's uvicorn workers in the stack."""

import os

import django
from asgiref.sync import SyncToAsync
from django.core.handlers.asgi import ASGIHandler

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")


class Handler(ASGIHandler):
    """Django's ASGI handler, except that an answer streamed from an asynchronous iterator (an
    event stream) gives back its request's worker thread once its view has answered.

    Django runs each request's synchronous code (middleware, views) on a thread of its own, kept
    until the request ends; for an answer that lasts hours that is an idle thread per stream.
    A later synchronous step of the request (closing the answer) gets a fresh thread.
    """

    async def send_response(self, response, send):
        if response.streaming and response.is_async:
            context = SyncToAsync.thread_sensitive_context.get(None)
            executor = SyncToAsync.context_to_thread_executor.pop(context, None)
            if executor is not None:
                executor.shutdown(wait=False)
        await super().send_response(response, send)


django.setup(set_prefix=False)
application = Handler()
