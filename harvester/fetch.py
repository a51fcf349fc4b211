"""HTTP fetching: identified, bounded, and refusing to be pointed at private addresses."""
import ipaddress
import socket
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

MAX_REDIRECTS = 5


class FetchError(Exception):
    """A fetch that produced no usable response; the message is recorded in `fetches.error`."""


@dataclass
class Response:
    url: str            # the final URL, after redirects
    status: int
    headers: dict
    content: bytes
    elapsed_ms: int = 0

    @property
    def content_type(self):
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def text(self):
        charset = "utf-8"
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                charset = value.strip('"')
        try:
            return self.content.decode(charset, errors="replace")
        except LookupError:
            return self.content.decode("utf-8", errors="replace")


@dataclass
class Fetcher:
    user_agent: str
    allow_private_addresses: list = field(default_factory=list)
    delay: float = 1.0
    timeout: float = 20.0
    max_bytes: int = 20_000_000
    on_fetch: object = None  # callback(dict) for the fetch log
    _last_request: dict = field(default_factory=dict)
    _client: httpx.Client | None = None

    def __post_init__(self):
        self._client = httpx.Client(
            headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(self.timeout),
            follow_redirects=False,
        )

    def close(self):
        self._client.close()

    def check_url(self, url):
        """Refuse non-http(s) URLs and hosts that resolve to non-public addresses (unless allowed)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"refused {url!r}: only http and https URLs are fetched")
        host = parts.hostname
        try:
            infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80),
                                       type=socket.SOCK_STREAM)
        except socket.gaierror as e:
            raise FetchError(f"cannot resolve {host}: {e}") from None
        for info in infos:
            address = info[4][0]
            if address in self.allow_private_addresses or host in self.allow_private_addresses:
                continue
            if not ipaddress.ip_address(address.split("%")[0]).is_global:
                raise FetchError(f"refused {url}: {host} resolves to non-public address {address}")

    def _wait_for_host(self, url):
        host = urlsplit(url).netloc
        last = self._last_request.get(host)
        if last is not None and self.delay > 0:
            pause = self.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last_request[host] = time.monotonic()

    def get(self, url, headers=None):
        """GET `url`, following redirects hop by hop (each hop checked). Raises FetchError."""
        started = time.monotonic()
        record = {"url": url, "status": None, "bytes": 0, "error": None}
        try:
            for _ in range(MAX_REDIRECTS + 1):
                self.check_url(url)
                self._wait_for_host(url)
                status, response_headers, content = self._get_once(url, headers)
                record.update(status=status, bytes=len(content))
                if status in (301, 302, 303, 307, 308) and "location" in response_headers:
                    url = urljoin(url, response_headers["location"])
                    continue
                response = Response(url=url, status=status, headers=response_headers, content=content,
                                    elapsed_ms=int((time.monotonic() - started) * 1000))
                if status >= 400:
                    raise FetchError(f"HTTP {status} from {url}")
                return response
            raise FetchError(f"more than {MAX_REDIRECTS} redirects from {record['url']}")
        except FetchError as e:
            record["error"] = str(e)
            raise
        finally:
            record["duration_ms"] = int((time.monotonic() - started) * 1000)
            if self.on_fetch:
                self.on_fetch(record)

    def _get_once(self, url, headers):
        try:
            with self._client.stream("GET", url, headers=headers or {}) as r:
                encoding = r.headers.get("content-encoding", "identity").lower().strip()
                body = read_capped(r.iter_raw(), encoding, self.max_bytes)
                return r.status_code, {k.lower(): v for k, v in r.headers.items()}, body
        except httpx.TimeoutException as e:
            raise FetchError(f"timed out fetching {url} ({type(e).__name__})") from None
        except httpx.HTTPError as e:
            raise FetchError(f"{type(e).__name__} fetching {url}: {e}") from None


def read_capped(chunks, encoding, max_bytes):
    """Read raw chunks, decompressing gzip/deflate ourselves so that neither the wire size nor the
    inflated size can exceed max_bytes (a compressed bomb is stopped at the cap, not after inflating)."""
    if encoding in ("gzip", "x-gzip"):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        inflater = zlib.decompressobj()
    elif encoding in ("identity", ""):
        inflater = None
    else:
        raise FetchError(f"unsupported content-encoding {encoding!r}")
    out, size = [], 0
    for chunk in chunks:
        if inflater is not None:
            try:
                chunk = inflater.decompress(chunk, max_bytes - size + 1)
            except zlib.error as e:
                raise FetchError(f"corrupt {encoding} body: {e}") from None
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"body larger than the {max_bytes} byte limit")
        out.append(chunk)
    return b"".join(out)
