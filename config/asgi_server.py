"""uvicorn, the ASGI server: the embedded run's (`manage.py serve`) and the stack's (gunicorn's
worker class).

Both stop in one order: stop taking connections, end the answers that never end by themselves
(event streams, through common.draining), let every request in flight finish (for at most
GRACEFUL_SECONDS), then hand control back to whoever started the server.
"""

import sys

import uvicorn
from gunicorn.arbiter import Arbiter
from uvicorn_worker import UvicornWorker

from common import draining

# Connections the kernel holds while the process is busy (Django's development server: 10).
BACKLOG = 2048
# Both leave X-Forwarded-* alone (uvicorn would take the client address from them whenever the
# peer is local, so any local client could pick its own address for the throttles); the app
# reads them itself, behind TRUSTED_PROXY_COUNT proxies only.
GRACEFUL_SECONDS = 30


class Server(uvicorn.Server):
    """uvicorn's server, ending event streams once it stops listening instead of waiting for
    them until its graceful timeout."""

    async def shutdown(self, sockets=None) -> None:
        for listener in self.servers:
            listener.close()
        draining.stop()
        await super().shutdown(sockets=sockets)


def embedded_config(*, app, host: str, port: int) -> uvicorn.Config:
    """The embedded run's server: one process, logs through the project's logging."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        backlog=BACKLOG,
        lifespan="off",
        log_config=None,
        access_log=False,
        server_header=False,
        proxy_headers=False,
        timeout_graceful_shutdown=GRACEFUL_SECONDS,
    )


class Worker(UvicornWorker):
    """gunicorn's uvicorn worker, serving through the Server above."""

    CONFIG_KWARGS = {
        "loop": "auto",
        "http": "auto",
        "lifespan": "off",
        "server_header": False,
        "proxy_headers": False,
        "timeout_graceful_shutdown": GRACEFUL_SECONDS,
    }

    async def _serve(self) -> None:
        self.config.app = self.wsgi
        server = Server(config=self.config)
        self._install_sigquit_handler()
        await server.serve(sockets=self.sockets)
        if not server.started:
            sys.exit(Arbiter.WORKER_BOOT_ERROR)
