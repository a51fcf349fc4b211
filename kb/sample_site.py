"""A small HTTP server for the bundled sample site (sample/site), so the demo and the tests harvest
through the real harvester over HTTP, on 127.0.0.1 only.

URL path P is served from sample/site/P, else P.html, else P/index.html or P/index.xml; a query
`?page=1` selects the sibling file `<name>__page=1.<ext>`. `{{BASE}}` in text files becomes the
server's own base URL (feeds need absolute links).
"""
import hashlib
import mimetypes
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .paths import SAMPLE_SITE

TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/rss+xml; charset=utf-8",
         ".atom": "application/atom+xml; charset=utf-8", ".pdf": "application/pdf",
         ".json": "application/json", ".txt": "text/plain; charset=utf-8"}


def resolve(root, raw_path):
    """The file for a request path (and query), or None. Never leaves `root`."""
    parts = urlsplit(raw_path)
    path = unquote(parts.path).lstrip("/")
    base = (root / path).resolve()
    if root.resolve() not in (base, *base.parents):
        return None
    candidates = [base, base.with_name(base.name + ".html"), base / "index.html", base / "index.xml"]
    if parts.query:
        suffix = "__" + parts.query
        candidates = [c.with_name(c.stem + suffix + c.suffix) if c.suffix else c.with_name(c.name + suffix)
                      for c in candidates]
    return next((c for c in candidates if c.is_file()), None)


def make_handler(root):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            file = resolve(root, self.path)
            if file is None:
                self.send_error(404)
                return
            body = file.read_bytes()
            content_type = TYPES.get(file.suffix) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            if not content_type.startswith("application/pdf"):
                body = body.replace(b"{{BASE}}", self.server.base_url.encode())
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:  # like real servers: conditional GETs work
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("ETag", etag)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass  # quiet: the harvester logs its own fetches

    return Handler


class SampleServerError(Exception):
    pass


@contextmanager
def serving(root=SAMPLE_SITE, port=0):
    """Serve `root` on 127.0.0.1 (a free port unless given) in a thread; yields the base URL."""
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(Path(root)))
    except OSError as e:
        raise SampleServerError(f"cannot serve the sample on 127.0.0.1:{port} ({e.strerror}); "
                                f"set KB_SAMPLE_PORT to a free port") from None
    server.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.base_url
    finally:
        server.shutdown()
        server.server_close()
