"""A programmable HTTP server on 127.0.0.1 for harvester tests: each route is a function that writes
the response itself, so tests can serve fixtures and faults (500s, Retry-After, drips, bombs...)."""
import gzip
import socket
import struct
import threading
import time
import zlib
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


class Site:
    def __init__(self):
        self.routes = {}
        self.requests = []   # (path, headers dict) in arrival order
        self.base = None

    def route(self, path, handler):
        self.routes[path] = handler

    def page(self, path, body, content_type="text/html; charset=utf-8", etag=None, status=200, headers=None):
        """A static response; with `etag`, answers 304 to a matching If-None-Match."""
        def handler(request):
            if etag and request.headers.get("If-None-Match") == etag:
                return send(request, 304, b"", extra={"ETag": etag})
            payload = body() if callable(body) else body
            payload = payload.replace("{BASE}", self.base) if isinstance(payload, str) else payload
            extra = dict(headers or {})
            if etag:
                extra["ETag"] = etag
            send(request, status, payload, content_type, extra)
        self.route(path, handler)

    def paths(self):
        return [p for p, _ in self.requests]


def send(request, status, body, content_type="text/html; charset=utf-8", extra=None):
    if isinstance(body, str):
        body = body.encode("utf-8")
    request.send_response(status)
    request.send_header("Content-Type", content_type)
    request.send_header("Content-Length", str(len(body)))
    for key, value in (extra or {}).items():
        request.send_header(key, value)
    request.end_headers()
    if body:
        request.wfile.write(body)


def drip(request, seconds=30):
    """One byte a second: never idle long enough for a read timeout."""
    request.send_response(200)
    request.send_header("Content-Type", "text/html")
    request.end_headers()
    try:
        for _ in range(seconds):
            request.wfile.write(b"x")
            request.wfile.flush()
            time.sleep(1)
    except (BrokenPipeError, ConnectionResetError):
        pass


def truncated(request):
    """Promises 10,000 bytes, sends 100, closes."""
    request.send_response(200)
    request.send_header("Content-Type", "text/html")
    request.send_header("Content-Length", "10000")
    request.end_headers()
    request.wfile.write(b"<html><body><p>" + b"a" * 85)
    request.wfile.flush()
    request.close_connection = True


def gzip_bomb(size=50_000_000):
    payload = gzip.compress(b"\0" * size, compresslevel=9)

    def handler(request):
        send(request, 200, payload, "text/html", {"Content-Encoding": "gzip"})
    return handler


# -- hostile responses (tests/test_hostile_http.py) ------------------------------------------------

def stream(request, chunks, status=200, content_type="text/html", headers=None, length=None):
    """Send `chunks` (an iterable of bytes): with Content-Length `length` if given, else chunked.
    Stops quietly when the client hangs up, which is what a defended client does."""
    request.send_response(status)
    request.send_header("Content-Type", content_type)
    if length is None:
        request.send_header("Transfer-Encoding", "chunked")
    else:
        request.send_header("Content-Length", str(length))
    for key, value in (headers or {}).items():
        request.send_header(key, value)
    request.end_headers()
    sent = 0
    try:
        for chunk in chunks:
            if chunk:
                request.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk) if length is None else chunk)
                sent += len(chunk)
        if length is None:
            request.wfile.write(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        request.close_connection = True
    if length is not None and sent < length:
        request.close_connection = True  # a body shorter than promised ends with the connection


def compressed_zeros(wbits, total=4_000_000_000, block=1_000_000):
    """`total` zero bytes deflated on the fly (~1 KB on the wire per MB inflated): a bomb that is never
    built in memory. wbits: 31 gzip, 15 zlib-wrapped deflate, -15 raw deflate."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, wbits)
    zeros = bytes(block)
    for _ in range(total // block):
        yield compressor.compress(zeros)
    yield compressor.flush()


def recompress(chunks, wbits):
    """Compress an already compressed stream again, lazily (for `Content-Encoding: gzip, gzip`).
    Flushed per chunk: else the outer layer would buffer gigabytes of work before its first write, and
    the thread would go on burning CPU long after the client hung up."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, wbits)
    for chunk in chunks:
        yield compressor.compress(chunk) + compressor.flush(zlib.Z_SYNC_FLUSH)
    yield compressor.flush()


def forever(chunk=b"<p>more</p>" * 100, pause=0.0):
    """An endless body: `chunk` again and again, `pause` seconds apart."""
    while True:
        yield chunk
        if pause:
            time.sleep(pause)


def reset(request, body_part, length=None):
    """Send the headers and `body_part`, then abort the connection with a TCP RST (no FIN)."""
    request.send_response(200)
    request.send_header("Content-Type", "text/html")
    if length is None:
        request.send_header("Transfer-Encoding", "chunked")
        body_part = b"%x\r\n%s\r\n" % (len(body_part), body_part)
    else:
        request.send_header("Content-Length", str(length))
    request.end_headers()
    request.wfile.write(body_part)
    time.sleep(0.05)  # let the partial body leave before the reset
    request.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    request.connection.close()
    request.close_connection = True


def redirect(location, status=302):
    return lambda request: send(request, status, "", extra={"Location": location})


@contextmanager
def serve(site):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            path = urlsplit(self.path).path
            site.requests.append((self.path, dict(self.headers)))
            handler = site.routes.get(path)
            if handler is None:
                send(self, 404, "not found", "text/plain")
            else:
                handler(self)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.handle_error = lambda request, address: None  # clients hanging up on faults is the point
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
