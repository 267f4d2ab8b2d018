"""The API docs: every tag described, and pages that load only our own files."""

import re

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

DOCS_PAGES = ("/api/docs/", "/api/redoc/")
LINKED = re.compile(r'(?:src|href)="([^"]*)"')


def test_every_tag_in_the_schema_has_a_one_line_description(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    used = {
        tag
        for operations in schema["paths"].values()
        for operation in operations.values()
        for tag in operation["tags"]
    }
    described = {tag["name"]: tag.get("description", "") for tag in schema.get("tags", [])}
    assert used - set(described) == set(), "add these tags to SPECTACULAR_SETTINGS['TAGS']"
    assert set(described) - used == set(), "these described tags name no operation"
    for name, description in described.items():
        assert description.strip() and "\n" not in description, name


def test_docs_pages_link_only_our_own_static_files(api_client):
    for page in DOCS_PAGES:
        html = api_client.get(page).content.decode()
        assert not re.search(r"https?://|//fonts|\bcdn\b", html), page
        linked = LINKED.findall(html)
        assert linked, page
        assert all(url.startswith("/static/drf_spectacular_sidecar/") for url in linked), linked


@pytest.mark.slow
def test_collected_static_files_serve_every_docs_asset_without_debug(api_client, tmp_path):
    """What production does: collectstatic (compressed, as the image builds it), then WhiteNoise
    serves the collected files with DEBUG off and no finders."""
    storages = {
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path / "static", STORAGES=storages, DEBUG=False):
        call_command("collectstatic", interactive=False, verbosity=0)
        browser = Client()
        assets = {url for page in DOCS_PAGES for url in LINKED.findall(browser.get(page).text)}
        assert len(assets) == 5, assets
        for url in sorted(assets):
            response = browser.get(url, HTTP_ACCEPT_ENCODING="gzip")
            assert response.status_code == 200, url
            assert int(response["Content-Length"]) > 100, url
            if url.endswith((".js", ".css")):
                assert response["Content-Encoding"] == "gzip", url
