"""uvicorn as the project runs it: client addresses are the connection's own, as before; only
the app reads X-Forwarded-For, and only behind TRUSTED_PROXY_COUNT proxies."""

import json
import urllib.error
import urllib.request

from tests.asgi import serving


def login(base: str, forwarded_for: str) -> int:
    body = json.dumps({"login": "nobody", "password": "wrong-password"}).encode()
    request = urllib.request.Request(
        f"{base}/api/v1/auth/login",
        data=body,
        headers={"Content-Type": "application/json", "X-Forwarded-For": forwarded_for},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_forged_forwarded_for_header_gets_no_throttle_bucket_of_its_own(settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "login_address": "2/15m"}
    with serving() as base:
        statuses = [login(base, f"203.0.113.{n}") for n in range(3)]
    assert statuses == [401, 401, 429]
