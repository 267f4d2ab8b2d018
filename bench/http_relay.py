"""A loopback relay in front of an HTTP server, for resumable upload tests and bench/upload.py.

It forwards every connection to the server's current port (retarget() follows a restarted
server to its new one), counts the request body bytes it passes on (bodies with a
Content-Length, as tus clients send), and can cut a connection in the middle of a body, as a
dropped network does, or hold it there (so a client can be killed in the middle of a chunk).
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading

HEAD_END = b"\r\n\r\n"
CONTENT_LENGTH = re.compile(rb"^content-length:\s*(\d+)\s*$", re.IGNORECASE | re.MULTILINE)
BLOCK = 256 * 1024


class Relay:
    """Listens on a free loopback port; `url` is where clients go instead of the server."""

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.body_bytes = 0
        self.cuts = 0
        self._cut_in: int | None = None
        self._hold_in: int | None = None
        self.holding = threading.Event()
        self._released = threading.Event()
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        threading.Thread(target=self._accept, name="relay", daemon=True).start()

    def retarget(self, port: int) -> None:
        """Send new connections to a server listening on `port` from now on."""
        self.target_port = port

    def cut_after(self, body_bytes: int) -> None:
        """Close the connection carrying the body byte `body_bytes` from now, once it passed."""
        with self._lock:
            self._cut_in = body_bytes

    def hold_at(self, body_bytes: int) -> None:
        """Stop passing bodies on once `body_bytes` more have passed (`holding` is set then),
        until release()."""
        with self._lock:
            self._hold_in = body_bytes
            self.holding.clear()
            self._released.clear()

    def release(self) -> None:
        self._released.set()

    def close(self) -> None:
        self._listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            threading.Thread(target=self._requests, args=(client, server), daemon=True).start()
            threading.Thread(target=self._answers, args=(server, client), daemon=True).start()

    def _count(self, size: int) -> tuple[int, bool, bool]:
        """How much of `size` body bytes to pass on, whether to cut after them, and whether to
        hold after them."""
        with self._lock:
            allowed, cut, hold = size, False, False
            if self._cut_in is not None:
                allowed, cut = min(allowed, self._cut_in), allowed >= self._cut_in
                self._cut_in = None if cut else self._cut_in - allowed
            if self._hold_in is not None:
                allowed, hold = min(allowed, self._hold_in), allowed >= self._hold_in
                self._hold_in = None if hold else self._hold_in - allowed
            self.body_bytes += allowed
            self.cuts += cut
            return allowed, cut, hold

    def _requests(self, client: socket.socket, server: socket.socket) -> None:
        """Client to server, request by request: heads as they are, bodies counted."""
        buffer = b""
        try:
            while True:
                while HEAD_END not in buffer:
                    data = client.recv(BLOCK)
                    if not data:
                        return
                    buffer += data
                head, _, buffer = buffer.partition(HEAD_END)
                server.sendall(head + HEAD_END)
                match = CONTENT_LENGTH.search(head)
                remaining = int(match.group(1)) if match else 0
                while remaining:
                    if not buffer:
                        buffer = client.recv(min(BLOCK, remaining))
                        if not buffer:
                            return
                    allowed, cut, hold = self._count(min(len(buffer), remaining))
                    server.sendall(buffer[:allowed])
                    buffer, remaining = buffer[allowed:], remaining - allowed
                    if cut:
                        return
                    if hold:
                        self.holding.set()
                        self._released.wait()
        except OSError:
            return
        finally:
            _close(client, server)

    def _answers(self, server: socket.socket, client: socket.socket) -> None:
        """Server to client, byte for byte."""
        try:
            while data := server.recv(BLOCK):
                client.sendall(data)
        except OSError:
            return
        finally:
            _close(client, server)


def _close(*sockets: socket.socket) -> None:
    for sock in sockets:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()
