"""Serve an ASGI application the way `manage.py serve` does (config.asgi_server: uvicorn in one
process, its backlog, its stop order), for the benches.

Usage: python bench/asgi_serve.py MODULE:NAME HOST:PORT   (DJANGO_SETTINGS_MODULE from the env)
"""

import importlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from config import asgi_server  # noqa: E402


def main() -> None:
    target, address = sys.argv[1:3]
    module, _, name = target.partition(":")
    application = getattr(importlib.import_module(module), name)
    host, _, port = address.rpartition(":")
    config = asgi_server.embedded_config(app=application, host=host, port=int(port))
    asgi_server.Server(config).run()


if __name__ == "__main__":
    main()
