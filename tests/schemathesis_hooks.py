"""Schemathesis hooks for our schema (tests/test_schemathesis.py loads them): tus bodies,
application/offset+octet-stream, are raw bytes like application/octet-stream."""

import schemathesis

schemathesis.serializer.alias("application/offset+octet-stream", "application/octet-stream")
