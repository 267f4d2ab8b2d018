"""The contract's playlist and history-entry operations are all in the OpenAPI schema."""

import json
import re

from django.conf import settings
from django.core.management import call_command

OURS = re.compile(r"/playlists|/users/me/history/\{")


def shape(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "{}", path.rstrip("/"))


def test_every_playlist_operation_of_the_contract_is_in_the_schema(tmp_path):
    out = tmp_path / "schema.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(out))
    paths = json.loads(out.read_text())["paths"]
    have = {(method.upper(), shape(path)) for path, ops in paths.items() for method in ops}
    contract = (settings.BASE_DIR / "docs" / "contract" / "paths.txt").read_text().splitlines()
    wanted = [
        tuple(line.split())
        for line in contract
        if line and not line.startswith(("#", "[")) and OURS.search(line)
    ]
    assert len(wanted) == 11
    assert [f"{m} {p}" for m, p in wanted if (m, shape(p)) not in have] == []
