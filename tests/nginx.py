"""Debian's nginx with the repo's front-end config, on loopback, as the current user.

The compose service fills deploy/nginx/templates/*.template in the official image: its entrypoint
sources deploy/nginx/upload-limit.envsh, then substitutes every defined environment variable.
render() does the same here, and main_config() wraps the result in what the image's own
nginx.conf provides (events, mime types, an http block), with a temporary prefix for the pid,
logs and body buffers, so no root is needed. `python -m tests.nginx` renders it with the
compose service's values (its upstream on loopback: the service name resolves only inside the
stack) and runs `nginx -t` on it.
"""

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy/nginx/templates/default.conf.template"
UPLOAD_LIMITS = ROOT / "deploy/nginx/upload-limit.envsh"
COMPOSE = ROOT / "docker-compose.yml"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MIME_TYPES = Path("/etc/nginx/mime.types")
# The app's body limits, from which upload-limit.envsh derives nginx's.
LIMIT_SETTINGS = (
    "REQUEST_BODY_MAX_BYTES",
    "MEDIA_MAX_UPLOAD_BYTES",
    "IMAGE_MAX_BYTES",
    "CAPTIONS_MAX_BYTES",
)
# What web and nginx must agree on (compose gives both the same values from one anchor).
SHARED = ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT", "STREAM_ACCEL_PREFIX", *LIMIT_SETTINGS)
# What the template reads beside the variables upload-limit.envsh derives.
INPUTS = ("NGINX_LISTEN", "NGINX_UPSTREAM", "NGINX_EVENTS_UPSTREAM", "NGINX_STATIC_ROOT", *SHARED)
# envsubst's forms: ${NAME} and $NAME. Upper-case names are ours; nginx's variables are lower case.
SUBSTITUTION = re.compile(r"\$\{(\w+)\}|\$(\w+)")
COMPOSE_VALUE = re.compile(r"\$\{(\w+)(?::?-([^}]*))?\}")

MAIN_CONF = """\
{user}daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{
    worker_connections 256;
}}
http {{
    include {mime_types};
    default_type application/octet-stream;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {site};
}}
"""


def upload_limits(values: dict[str, str]) -> dict[str, str]:
    """UPLOAD_BODY_MAX_BYTES and UPLOAD_BODY_MAX_TEXT as the image's entrypoint derives them."""
    script = (
        f'. "{UPLOAD_LIMITS}"; printf "%s\\n%s\\n" "$UPLOAD_BODY_MAX_BYTES" "$UPLOAD_BODY_MAX_TEXT"'
    )
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **values}
    result = subprocess.run(
        ["sh", "-c", script], env=env, capture_output=True, text=True, timeout=30, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"upload-limit.envsh failed: {result.stderr}")
    size, text = result.stdout.splitlines()
    return {"UPLOAD_BODY_MAX_BYTES": size, "UPLOAD_BODY_MAX_TEXT": text}


def render(template: str, values: dict[str, str]) -> str:
    """Substitute the given variables as envsubst does; an upper-case one not given is a mistake."""

    def substitute(match: re.Match) -> str:
        name = match.group(1) or match.group(2)
        if name in values:
            return values[name]
        if name.isupper():
            raise KeyError(f"the template reads {name}, which was not given")
        return match.group(0)

    return SUBSTITUTION.sub(substitute, template)


def main_config(prefix: Path, values: dict[str, str], *, template: Path = TEMPLATE) -> Path:
    """Write the rendered site and a main file around it under `prefix`; return the main file."""
    prefix.mkdir(parents=True, exist_ok=True)
    site = prefix / "streamsphere.conf"
    all_values = {**values, **upload_limits(values)}
    site.write_text(render(template.read_text(), all_values))
    # As root the workers would otherwise drop to nobody, who cannot read owner-only media.
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf = prefix / "nginx.conf"
    conf.write_text(MAIN_CONF.format(user=user, prefix=prefix, mime_types=MIME_TYPES, site=site))
    return conf


def command(conf: Path, *flags: str) -> list[str]:
    """nginx on `conf`, with its prefix and startup error log beside it."""
    prefix = conf.parent
    return [NGINX, "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(conf), *flags]


def check(conf: Path) -> subprocess.CompletedProcess:
    """`nginx -t`: nginx parses the file and checks every directive and value."""
    return subprocess.run(
        command(conf, "-t"), capture_output=True, text=True, timeout=30, check=False
    )


def wait_answering(base: str, process: subprocess.Popen, log: Path) -> None:
    """Poll until nginx answers over HTTP; fail with its logs if it exits or hangs.

    It asks for /metrics, which nginx refuses itself: the upstream need not be up.
    """
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited ({process.returncode}):\n{log.read_text()}")
        try:
            urllib.request.urlopen(base + "/metrics", timeout=5).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nginx did not answer on {base}:\n{log.read_text()}")


def compose_values() -> dict[str, str]:
    """The nginx service's environment in docker-compose.yml, `${NAME:-default}` as its default."""
    environment = yaml.safe_load(COMPOSE.read_text())["services"]["nginx"]["environment"]

    def resolve(value) -> str:
        return COMPOSE_VALUE.sub(lambda m: m.group(2) or "", str(value))

    return {name: resolve(value) for name, value in environment.items()}


def check_compose_config(prefix: Path, *, template: Path = TEMPLATE) -> subprocess.CompletedProcess:
    """`nginx -t` on the config compose renders; only its upstream is moved to loopback."""
    loopback = {"NGINX_UPSTREAM": "127.0.0.1:8000", "NGINX_EVENTS_UPSTREAM": "127.0.0.1:8001"}
    values = {**compose_values(), **loopback}
    return check(main_config(prefix, values, template=template))


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory(prefix="nginx-check-") as tmp:
        result = check_compose_config(Path(tmp))
    sys.stdout.write(result.stdout + result.stderr)
    sys.exit(result.returncode)
