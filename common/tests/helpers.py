"""Builders for hostile inputs shared by the tests of every app."""

import struct
import zlib


def png_bomb(*, width: int = 9000, height: int = 9000) -> bytes:
    """A few-kB PNG declaring a huge picture: 1-bit grey rows of zeros, compressed hard."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    row = b"\x00" * (1 + (width + 7) // 8)
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    pixels = zlib.compress(row * height, 9)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )
