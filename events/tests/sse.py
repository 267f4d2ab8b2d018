"""An event stream client for tests: one HTTP/1.1 connection, its status and headers, then its
events parsed as EventSource parses them (`id`, `event`, `data` fields; comment lines kept
apart; `retry`). Reads wait on select(), so a wait that times out leaves the stream usable."""

import http.client
import io
import json
import select
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass
class Event:
    type: str
    id: str
    data: dict


class Closed(Exception):
    """The server ended the stream."""


class EventStream:
    """GET a stream; `status`, `headers` and (for errors) `body` are there once it answers."""

    def __init__(self, url: str, *, token: str = "", headers: dict | None = None):
        parts = urlsplit(url)
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=10)
        sent = {"Host": parts.netloc, "Accept": "text/event-stream", **(headers or {})}
        if token:
            sent["Authorization"] = f"Bearer {token}"
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        lines = [f"GET {path} HTTP/1.1", *(f"{name}: {value}" for name, value in sent.items())]
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        self.raw = b""
        self.text = b""
        self.finished = False
        self.chunked: bool | None = None  # known once the headers are in
        deadline = time.monotonic() + 10
        while b"\r\n\r\n" not in self.raw:
            self._receive(deadline)
        head, self.raw = self.raw.split(b"\r\n\r\n", 1)
        status_line, _, header_lines = head.partition(b"\r\n")
        self.status = int(status_line.split()[1])
        self.headers = http.client.parse_headers(io.BytesIO(header_lines + b"\r\n\r\n"))
        self.chunked = self.headers.get("Transfer-Encoding") == "chunked"
        # The read that brought the headers may have brought the first events too (a busy
        # server's writes arrive together): decode them now, or they would wait for more bytes.
        self._decode()
        self.body = None if self.status == 200 else json.loads(self._whole_body(deadline))
        self.comments: list[str] = []
        self.retry: int | None = None

    def _receive(self, deadline: float) -> None:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([self.sock], [], [], left)[0]:
            raise TimeoutError
        data = self.sock.recv(65536)
        if not data:
            self.finished = True
            raise Closed()
        self.raw += data
        self._decode()

    def _decode(self) -> None:
        if self.chunked is None:
            return
        if not self.chunked:
            self.text, self.raw = self.text + self.raw, b""
            return
        while b"\r\n" in self.raw:
            size_line, rest = self.raw.split(b"\r\n", 1)
            size = int(size_line, 16)
            if len(rest) < size + 2:
                return
            self.text += rest[:size]
            self.raw = rest[size + 2 :]
            if size == 0:
                self.finished = True
                return

    def _whole_body(self, deadline: float) -> bytes:
        length = int(self.headers.get("Content-Length", -1))
        self._decode()
        try:
            while not self.finished and len(self.text) != length:
                self._receive(deadline)
        except Closed:
            pass
        return self.text

    def _line(self, deadline: float) -> bytes:
        while b"\n" not in self.text:
            if self.finished:
                raise Closed()
            self._receive(deadline)
        line, self.text = self.text.split(b"\n", 1)
        return line

    def next(self, *, seconds: float = 5.0) -> Event:
        """The next event (comments and retry lines are recorded on the way)."""
        deadline = time.monotonic() + seconds
        fields: dict[str, str] = {}
        while True:
            try:
                line = self._line(deadline).decode()
            except TimeoutError:
                raise TimeoutError(f"no event within {seconds} s") from None
            if line.startswith(":"):
                self.comments.append(line[1:].strip())
            elif line:
                name, _, value = line.partition(":")
                fields[name] = value.removeprefix(" ")
                if name == "retry":
                    self.retry = int(fields[name])
            elif "data" in fields:
                data = json.loads(fields["data"])
                return Event(fields.get("event", "message"), fields.get("id", ""), data)
            else:
                fields = {}

    def until(self, predicate, *, seconds: float = 10.0) -> list[Event]:
        """Events up to and including the first one `predicate` accepts."""
        deadline = time.monotonic() + seconds
        seen = []
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no matching event within {seconds} s; got {seen}")
            seen.append(self.next(seconds=left))
            if predicate(seen[-1]):
                return seen

    def quiet(self, *, seconds: float) -> list[Event]:
        """Every event within `seconds` (tests expect none, or only those they name)."""
        seen = []
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                seen.append(self.next(seconds=left))
            except TimeoutError:
                break
        return seen

    def ended(self, *, seconds: float = 5.0) -> list[Event]:
        """The events until the server closes the stream, which it must within `seconds`."""
        seen = []
        deadline = time.monotonic() + seconds
        while True:
            try:
                seen.append(self.next(seconds=deadline - time.monotonic()))
            except Closed:
                return seen
            except TimeoutError:
                raise TimeoutError(f"still open after {seconds} s; got {seen}") from None

    def close(self) -> None:
        self.sock.close()
