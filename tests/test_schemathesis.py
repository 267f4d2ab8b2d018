"""Schemathesis, every check on, against our own schema on a running embedded server,
signed in as a fresh user: no 5xx, every status and body as documented, schema-valid input
accepted and schema-violating input refused."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from bench.range_serving import free_port, start_server, stop_server
from tests.live import PASSED_ENV, call, sign_up, wait_for

pytestmark = pytest.mark.slow

CONFIG = Path(__file__).with_name("schemathesis.toml")
HOOKS = str(Path(__file__).with_name("schemathesis_hooks.py"))
EMAIL, PASSWORD = "fuzzer@example.com", "a-long-pass-phrase"
# Enough cases to reach every operation and branch of its schema, within a few minutes.
MAX_EXAMPLES = os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "15")
SEED = os.environ.get("SCHEMATHESIS_SEED", "20261123")


@pytest.fixture(scope="module")
def fuzzed_server(tmp_path_factory):
    """The embedded run, with sign-in throttles raised so the fuzzer can sign in again after
    it fuzzes logout or password change (their own throttling is tested elsewhere)."""
    root = tmp_path_factory.mktemp("schemathesis")
    port = free_port()
    env = {name: os.environ[name] for name in PASSED_ENV if name in os.environ}
    env.update(
        VAR_DIR=str(root / "var"),
        PYTHONUNBUFFERED="1",
        THROTTLE_LOGIN_ACCOUNT="10000/m",
        THROTTLE_LOGIN_ADDRESS="10000/m",
    )
    log = root / "serve.log"
    manage = str(settings.BASE_DIR / "manage.py")
    process = start_server([sys.executable, manage, "serve", f"127.0.0.1:{port}"], log=log, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: call(base, "GET", "/healthz")[0] == 200, seconds=60, log=log, what="serve")
        sign_up(base, log, username="fuzzer", password=PASSWORD)
        yield base, log
    finally:
        stop_server(process)


@pytest.mark.timeout(660)  # the run's own limit (600 s) and the server's start
def test_schemathesis_with_every_check_finds_nothing(fuzzed_server, tmp_path):
    base, log = fuzzed_server
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "--no-color",
        "--config-file",
        str(CONFIG),
        "run",
        f"{base}/api/schema/?format=json",
        "--url",
        base,
        "--checks",
        "all",
        "--max-examples",
        MAX_EXAMPLES,
        "--seed",
        SEED,
        # One worker: with two, CPython 3.11's AST compiler occasionally fails inside
        # schemathesis's threads ("AST constructor recursion depth mismatch").
        "--workers",
        "1",
        "--request-timeout",
        "30",
    ]
    env = {
        **os.environ,
        "FUZZ_LOGIN": EMAIL,
        "FUZZ_PASSWORD": PASSWORD,
        "SCHEMATHESIS_HOOKS": HOOKS,
    }
    result = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600
    )
    report = result.stdout[-12000:] + result.stderr[-2000:]
    assert result.returncode == 0, f"{report}\nserver log:\n{log.read_text()[-3000:]}"
    selected, total = map(int, re.search(r"Selected: (\d+)/(\d+)", report).groups())
    tested = int(re.search(r"Tested: (\d+)", report).group(1))
    # Only the operations the config disables (each with its reason) are left out.
    disabled = CONFIG.read_text().count("\nenabled = false")
    assert selected == total - disabled and tested == selected, report
