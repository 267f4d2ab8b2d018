"""What a newcomer sees in a browser with no internet: Swagger UI and ReDoc render from our own
files, Authorize with a bearer token survives a reload, and "Try it out" reaches the API."""

import json
import secrets

import pytest

from tests.live import call, sign_up

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def schema(live_platform) -> dict:
    status, _, body = call(live_platform.url, "GET", "/api/schema/?format=json")
    assert status == 200
    return body


def operation_id(schema: dict, method: str, path: str) -> str:
    return schema["paths"][path][method]["operationId"]


def assert_stayed_home(recorded, server) -> None:
    """Nothing the page asked for went to another host, and everything it got was found."""
    recorded.page.wait_for_load_state("networkidle")
    assert recorded.requests, "the page made no request at all"
    assert recorded.left_for(server) == [], recorded.requests
    missing = {url: code for url, code in recorded.statuses.items() if code >= 400}
    assert missing == {}


def test_swagger_ui_authorizes_keeps_the_token_across_a_reload_and_runs_a_call(
    live_platform, new_page, schema
):
    username = f"reader{secrets.token_hex(3)}"
    session = sign_up(
        live_platform.url, live_platform.log, username=username, password="a-long-pass-phrase"
    )
    page = new_page.page
    page.goto(f"{live_platform.url}/api/docs/")
    page.locator("#operations-tag-videos").wait_for()
    assert page.title() == "StreamSphere API"
    assert page.locator(".info .title").inner_text().startswith("StreamSphere API")
    for tag in schema["tags"]:
        assert tag["description"] in page.locator(f"#operations-tag-{tag['name']}").inner_text()

    page.locator(".btn.authorize").click()
    bearer = page.locator(".auth-container").filter(has_text="bearerAuth")
    bearer.locator("input").fill(session["access"])
    bearer.get_by_role("button", name="Apply credentials").click()
    bearer.get_by_role("button", name="Remove authorization").wait_for()
    bearer.get_by_role("button", name="Close").click()

    page.reload()
    page.locator("#operations-tag-videos").wait_for()
    page.locator(".btn.authorize.locked").wait_for()
    me = page.locator(f"#operations-users-{operation_id(schema, 'get', '/api/v1/users/me')}")
    me.locator(".opblock-summary-control").click()
    me.get_by_role("button", name="Try it out").click()
    me.get_by_role("button", name="Execute").click()
    answer = me.locator(".live-responses-table")
    answer.locator(".response-col_status").filter(has_text="200").wait_for()
    body = answer.locator(".response-col_description pre.microlight").first.inner_text()
    assert json.loads(body)["username"] == username

    assert f"{live_platform.url}/api/v1/users/me" in new_page.requests
    assert_stayed_home(new_page, live_platform)


def test_redoc_lists_every_operation_from_our_own_files(live_platform, new_page, schema):
    page = new_page.page
    page.goto(f"{live_platform.url}/api/redoc/")
    operations = [
        (operation["operationId"], operation["summary"], operation["tags"][0])
        for methods in schema["paths"].values()
        for operation in methods.values()
    ]
    page.locator(f'[id="operation/{operations[-1][0]}"]').wait_for()
    for op_id, summary, tag in operations:
        assert page.locator(f'[id="operation/{op_id}"] h2').inner_text() == summary
        menu_item = page.locator(f'li[data-item-id="tag/{tag}/operation/{op_id}"]')
        assert summary in menu_item.inner_text()
    assert_stayed_home(new_page, live_platform)


def test_swagger_signs_in_by_authorize_alone_so_its_logout_signs_it_out(
    live_platform, new_page, schema
):
    username = f"tryer{secrets.token_hex(3)}"
    password = "a-long-pass-phrase"
    session = sign_up(live_platform.url, live_platform.log, username=username, password=password)
    page = new_page.page
    page.goto(f"{live_platform.url}/api/docs/")
    page.locator("#operations-tag-auth").wait_for()

    def run(method: str, path: str, status: str, body: dict | None = None) -> None:
        tag = schema["paths"][path][method]["tags"][0]
        operation = page.locator(f"#operations-{tag}-{operation_id(schema, method, path)}")
        if not operation.locator(".execute").is_visible():
            operation.locator(".opblock-summary-control").click()
            operation.get_by_role("button", name="Try it out").click()
        if body is not None:
            operation.locator("textarea.body-param__text").fill(json.dumps(body))
        with page.expect_response(lambda answer: answer.url.endswith(path)):
            operation.locator(".execute").click()
        answer = operation.locator(".live-responses-table .response-col_status")
        answer.filter(has_text=status).wait_for()

    def authorize(token: str | None) -> None:
        page.locator(".btn.authorize").click()
        bearer = page.locator(".auth-container").filter(has_text="bearerAuth")
        if token is None:
            bearer.get_by_role("button", name="Remove authorization").click()
        else:
            bearer.locator("input").fill(token)
            bearer.get_by_role("button", name="Apply credentials").click()
        bearer.get_by_role("button", name="Close").click()

    # Signing in by "Try it out" answers the tokens and leaves no cookie that signs the page in.
    run("post", "/api/v1/auth/login", "200", {"login": username, "password": password})
    cookies = {cookie["name"] for cookie in page.context.cookies()}
    assert not cookies & {"access_token", "refresh_token"}, cookies
    run("get", "/api/v1/users/me", "401")
    # Authorize signs it in, for open operations too, and its logout signs it out.
    authorize(session["access"])
    run("get", "/api/v1/users/me", "200")
    authorize(None)
    run("get", "/api/v1/users/me", "401")
    assert new_page.left_for(live_platform) == []
