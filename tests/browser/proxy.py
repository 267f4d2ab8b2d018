"""A TCP relay in front of a server, for tests that cut connections: drop() breaks every
connection through it and refuses new ones (the client sees the network fail) until resume()."""

import contextlib
import socket
import threading


class DroppingProxy:
    """Relays 127.0.0.1:<port> to the server at `target_port`."""

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.refusing = False
        self.open: set[socket.socket] = set()
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, name="proxy-accept", daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.refusing:
                client.close()
                continue
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            with self.lock:
                self.open.update((client, upstream))
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                self._close(end)

    def _close(self, end: socket.socket) -> None:
        with self.lock:
            self.open.discard(end)
        with contextlib.suppress(OSError):
            end.shutdown(socket.SHUT_RDWR)
        end.close()

    def drop(self) -> None:
        """Break every connection through the relay, and refuse new ones."""
        self.refusing = True
        with self.lock:
            ends = list(self.open)
        for end in ends:
            self._close(end)

    def resume(self) -> None:
        self.refusing = False

    def close(self) -> None:
        self.drop()
        self.listener.close()
