"""A programmable HTTP server on 127.0.0.1 for harvester tests: each route is a function that writes
the response itself, so tests can serve fixtures and faults (500s, Retry-After, drips, bombs...)."""
import gzip
import threading
import time
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
