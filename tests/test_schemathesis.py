"""Schemathesis, every check on, against our own schema on a running embedded server,
signed in as a fresh user: no 5xx, every status and body as documented, schema-valid input
accepted and schema-violating input refused."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.live import embedded_run, sign_up

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
    throttles = {"THROTTLE_LOGIN_ACCOUNT": "10000/m", "THROTTLE_LOGIN_ADDRESS": "10000/m"}
    with embedded_run(root, **throttles) as (base, log):
        sign_up(base, log, username="fuzzer", password=PASSWORD)
        yield base, log


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
