"""HTTP fetching: identified, polite, bounded, and refusing to be pointed at private addresses.

- robots.txt is honoured (Protego), per host, cached for the run; 4xx means no rules, an unreachable
  robots.txt (5xx, network error) means "disallow everything" for the run (RFC 9309).
- One request at a time per host with a delay between them (HostGate, shared by all threads).
- Conditional GET from remembered ETag / Last-Modified; a 304 is `Response.not_modified`.
- Timeouts for connect and read, and an overall deadline per response (a slow drip cannot hold the run).
- Retries with exponential backoff on connection errors, 429 and 5xx, honouring Retry-After up to a cap;
  a longer Retry-After defers the source (DeferredError) rather than sleeping on it.
- Only gzip/deflate accepted, decompressed here with a cap on the inflated size.
- Redirects followed hop by hop (at most max_redirects), each hop's address checked.
- A source's time budget (source_deadline) bounds all its requests and retry waits together.
- `prefetch(url)` starts the request for the page the caller asks for next while it parses and stores
  the current one. Only the network part runs ahead, one request at most, through the same host gate;
  checks, robots, logging, archive and validators stay in `get`, on the caller's thread.
"""
import codecs
import email.utils
import functools
import ipaddress
import socket
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

MAX_REDIRECTS = 5
RETRY_STATUSES = {429, 500, 502, 503, 504}
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class FetchError(Exception):
    """A fetch that produced no usable response; the message is recorded in `fetches.error`."""
    permanent = False  # True: asking again in a later run cannot help (robots.txt refuses it, or it is gone)


class DeferredError(FetchError):
    """The server asked us to come back later than we are willing to wait in this run."""


class RobotsDisallowed(FetchError):
    permanent = True


class RobotsUnavailable(FetchError):
    """robots.txt could not be fetched (5xx, network error): everything on the host is disallowed for this
    run only, so nothing is refused for good."""


class Gone(FetchError):
    """HTTP 404 or 410: the server says there is nothing at this address."""
    permanent = True


class LimitExceeded(FetchError):
    """The body outgrew max_bytes or the response outlived its deadline: retrying cannot help."""


@dataclass
class Response:
    url: str            # the final URL, after redirects
    status: int
    headers: dict
    content: bytes
    elapsed_ms: int = 0

    @property
    def not_modified(self):
        return self.status == 304

    @property
    def content_type(self):
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def text(self):
        # A byte-order mark outranks the declared charset, as in browsers: a UTF-8 BOM on a page
        # labelled Latin-1 is UTF-8.
        for bom, codec in BOMS:
            if self.content.startswith(bom):
                return self.content.decode(codec, errors="replace")
        charset = "utf-8"
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                charset = value.strip('"')
        try:
            return self.content.decode(charset, errors="replace")
        except (LookupError, UnicodeError):  # unknown label, or a codec (idna, punycode) that cannot replace
            return self.content.decode("utf-8", errors="replace")


class HostGate:
    """At most one request at a time per host, `delay` seconds apart; shared by all threads of a run."""

    def __init__(self, delay):
        self.delay = delay
        self._locks = {}
        self._last = {}
        self._guard = threading.Lock()

    def lock(self, host):
        with self._guard:
            return self._locks.setdefault(host, threading.Lock())

    def wait(self, host):
        """Call while holding lock(host)."""
        last = self._last.get(host)
        if last is not None and self.delay > 0:
            pause = self.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)

    def done(self, host):
        self._last[host] = time.monotonic()


SITE_LOCAL_V6 = ipaddress.ip_network("fec0::/10")
# IPv6 ranges whose last 32 bits are an IPv4 address that a translator or relay may reach: NAT64 (well-known
# and local-use), IPv4-compatible (deprecated) and SIIT-translated addresses.
EMBEDS_IPV4_LAST_32 = [ipaddress.ip_network(n) for n in ("64:ff9b::/96", "64:ff9b:1::/48", "::/96",
                                                          "::ffff:0:0:0/96")]


def _embedded_ipv4(ip):
    """The IPv4 address an IPv6 address carries (mapped, 6to4, Teredo client, NAT64 ...), or None."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if any(ip in net for net in EMBEDS_IPV4_LAST_32) and int(ip) & 0xFFFFFFFF:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_public_address(address):
    """A unicast address on the public internet. `is_global` alone is not enough on Python 3.11: it is
    True for multicast and for deprecated site-local IPv6, and it judges an IPv6 address that embeds an
    IPv4 one ('::ffff:100.64.0.1', '64:ff9b::7f00:1', '2002:7f00:1::') without looking inside."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.is_multicast or ip in SITE_LOCAL_V6:
            return False
        inner = _embedded_ipv4(ip)
        if inner is not None:
            ip = inner
    if ip.is_multicast:
        return False
    return ip.is_global


def parse_retry_after(value, now=None):
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date); None if unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (now or time.time()))


@dataclass
class Fetcher:
    user_agent: str
    allow_private_addresses: list = field(default_factory=list)
    delay: float = 1.0
    timeout: float = 20.0
    deadline: float = 60.0           # whole response, seconds
    max_bytes: int = 20_000_000
    max_retries: int = 3
    backoff: float = 1.0             # first retry wait, doubled each time
    max_retry_after: float = 60.0    # longer Retry-After defers the source
    max_redirects: int = MAX_REDIRECTS
    source_deadline: float | None = None  # seconds for everything this fetcher does; then DeferredError
    respect_robots: bool = True
    on_fetch: object = None          # callback(dict) for the fetch log
    cache: object = None             # .get(url) -> (etag, last_modified) | None; .put(url, etag, last_modified)
    archive: object = None           # .write(url, status, headers, body) for every 200 response
    gate: HostGate | None = None
    _robots: dict = field(default_factory=dict)
    _client: httpx.Client | None = None
    _ahead: tuple | None = None      # (url, request headers, started, future) of the request made ahead
    _pool: ThreadPoolExecutor | None = None

    def __post_init__(self):
        self.gate = self.gate or HostGate(self.delay)
        self._stop_at = time.monotonic() + self.source_deadline if self.source_deadline else None
        self._out_of_time = False
        self._client = httpx.Client(
            headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(self.timeout),
            verify=_tls_context(),
            follow_redirects=False,
            # No keep-alive: a response whose Content-Length is shorter than what the server sends would
            # leave bytes on the connection that the next request reads as its response. One request per
            # second or so per host does not need connection reuse.
            limits=httpx.Limits(max_keepalive_connections=0),
            event_hooks={"response": [_hide_location]},
        )

    def close(self):
        self._discard_ahead()
        if self._pool is not None:
            self._pool.shutdown()
        self._client.close()

    def out_of_time(self):
        """The source's time budget is spent (or cannot cover a wait the server asked for)."""
        return self._out_of_time or (self._stop_at is not None and time.monotonic() >= self._stop_at)

    def _spend(self, url, wait=0.0):
        """Raise DeferredError if `wait` more seconds would overrun the source's time budget."""
        if self._stop_at is not None and (self._out_of_time or time.monotonic() + wait > self._stop_at):
            self._out_of_time = True
            raise DeferredError(f"source time budget of {self.source_deadline:g}s used up at {url}; "
                                f"the rest is deferred to the next run")

    # -- address and robots checks ------------------------------------------------------------
    def check_url(self, url):
        """Refuse non-http(s) URLs and hosts that resolve to non-public addresses (unless allowed)."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as e:  # "http://[::1/", "http://host:abc/": a bad link fails as a fetch, not the source
            raise FetchError(f"refused {url!r}: malformed URL ({e})") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"refused {url!r}: only http and https URLs are fetched")
        host = parts.hostname
        if host in self.allow_private_addresses:
            return
        try:
            infos = socket.getaddrinfo(host, port or (443 if parts.scheme == "https" else 80),
                                       type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as e:
            raise FetchError(f"cannot resolve {host}: {e}") from None
        for info in infos:
            address = info[4][0].split("%")[0]
            if address in self.allow_private_addresses:
                continue
            if not is_public_address(address):
                raise FetchError(f"refused {url}: {host} resolves to non-public address {address}")

    def robots_allows(self, url):
        """Whether robots.txt lets us fetch `url`; RobotsUnavailable when the host's robots.txt could not be
        fetched in this run (everything there is disallowed, but only until the next run)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            try:
                status, _, body = self._request(origin + "/robots.txt", {})
                if status >= 500:
                    rules = None  # unreachable: disallow everything, for this run only (RFC 9309)
                elif status >= 400:
                    rules = Protego.parse("")
                else:
                    rules = Protego.parse(body.decode("utf-8", errors="replace"))
            except FetchError:
                rules = None
            self._robots[origin] = rules
        if self._robots[origin] is None:
            raise RobotsUnavailable(f"robots.txt of {origin} could not be fetched: nothing there is fetched "
                                    f"in this run")
        return self._robots[origin].can_fetch(url, self.user_agent)

    # -- fetching ---------------------------------------------------------------------------------
    def get(self, url, headers=None, conditional=True):
        """GET `url`, following redirects hop by hop (each hop checked). Raises FetchError.
        With `conditional`, sends If-None-Match / If-Modified-Since from the cache; a 304 comes back
        as a Response with `not_modified` and no content."""
        started = time.monotonic()
        record = {"url": url, "status": None, "bytes": 0, "error": None}
        original = url
        try:
            for _ in range(self.max_redirects + 1):
                self._admit(url)
                request_headers = self._request_headers(url, headers, conditional and url == original)
                ahead = self._take_ahead(url, request_headers)
                if ahead is not None:
                    started, future = ahead
                    status, response_headers, content = future.result()  # raises as the request did
                else:
                    status, response_headers, content = self._get_with_retries(url, request_headers)
                record.update(status=status, bytes=len(content))
                if status in (301, 302, 303, 307, 308) and "location" in response_headers:
                    url = urljoin(url, response_headers["location"])
                    continue
                response = Response(url=url, status=status, headers=response_headers, content=content,
                                    elapsed_ms=int((time.monotonic() - started) * 1000))
                if status >= 400:
                    raise (Gone if status in (404, 410) else FetchError)(f"HTTP {status} from {url}")
                if status == 200 and self.archive is not None:
                    offset, length = self.archive.write(url, status, response_headers, content)
                    record["archived"] = {"fetched_url": url, "warc_file": self.archive.name, "warc_offset": offset,
                                          "warc_length": length, "content_type": response_headers.get("content-type")}
                if status == 200 and self.cache is not None:
                    etag, modified = response_headers.get("etag"), response_headers.get("last-modified")
                    if etag or modified:
                        self.cache.put(original, etag, modified)
                return response
            raise FetchError(f"more than {self.max_redirects} redirects from {original}")
        except FetchError as e:
            record["error"] = str(e)
            raise
        finally:
            record["duration_ms"] = int((time.monotonic() - started) * 1000)
            if self.on_fetch:
                self.on_fetch(record)

    def _admit(self, url):
        """Raise FetchError unless `url` may be requested now: time budget, address, robots.txt."""
        self._spend(url)
        self.check_url(url)
        if self.respect_robots and not url.endswith("/robots.txt") and not self.robots_allows(url):
            raise RobotsDisallowed(f"robots.txt disallows {url}")

    def _request_headers(self, url, headers, conditional):
        request_headers = dict(headers or {})
        if conditional and self.cache is not None:
            validators = self.cache.get(url)
            if validators:
                etag, modified = validators
                if etag:
                    request_headers["If-None-Match"] = etag
                if modified:
                    request_headers["If-Modified-Since"] = modified
        return request_headers

    # -- reading ahead ---------------------------------------------------------------------------
    def prefetch(self, url):
        """Start fetching `url` (a conditional GET, as `get(url)` will send) in the background, because the
        caller asks for it next; the time its answer takes then overlaps the caller's work on the page
        before. Does nothing if a request is already ahead, or if `get` would refuse the URL (it will say
        why when asked)."""
        if url is None or self._ahead is not None:
            return
        try:
            self._admit(url)
        except FetchError:
            return
        headers = self._request_headers(url, None, True)
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="prefetch")
        self._ahead = (url, headers, time.monotonic(), self._pool.submit(self._get_with_retries, url, headers))

    def _take_ahead(self, url, headers):
        """(started, future) of the request made ahead for exactly this URL and these headers, or None."""
        if self._ahead is None:
            return None
        if self._ahead[:2] != (url, headers):
            self._discard_ahead()
            return None
        _, _, started, future = self._ahead
        self._ahead = None
        return started, future

    def _discard_ahead(self):
        """A request made ahead that nobody asked for (the source stopped, or asked for another URL first):
        wait for it, so that requests never overlap, and log it, because it was made."""
        if self._ahead is None:
            return
        url, _, started, future = self._ahead
        self._ahead = None
        record = {"url": url, "status": None, "bytes": 0, "error": "fetched ahead, not used"}
        try:
            status, _, content = future.result()
            record.update(status=status, bytes=len(content))
        except Exception as e:  # a FetchError, or a surprise that must not fail close()
            record["error"] = f"fetched ahead, not used: {e}"
        record["duration_ms"] = int((time.monotonic() - started) * 1000)
        if self.on_fetch:
            self.on_fetch(record)

    def _get_with_retries(self, url, headers):
        attempt = 0
        while True:
            try:
                status, response_headers, content = self._request(url, headers)
            except FetchError as e:
                if isinstance(e, (DeferredError, LimitExceeded)) or attempt >= self.max_retries:
                    raise
                wait = self.backoff * 2 ** attempt
            else:
                if status not in RETRY_STATUSES:
                    return status, response_headers, content
                retry_after = parse_retry_after(response_headers.get("retry-after"))
                if retry_after is not None and retry_after > self.max_retry_after:
                    raise DeferredError(f"HTTP {status} from {url}: Retry-After {retry_after:.0f}s is over the "
                                        f"{self.max_retry_after:.0f}s cap; source deferred to the next run")
                if attempt >= self.max_retries:
                    if status == 429:
                        raise DeferredError(f"HTTP 429 from {url} after {attempt + 1} attempts; source deferred")
                    return status, response_headers, content
                wait = retry_after if retry_after is not None else self.backoff * 2 ** attempt
            wait = min(wait, self.max_retry_after)
            self._spend(url, wait)  # a storm of Retry-After must not hold the run beyond the source's budget
            attempt += 1
            time.sleep(wait)

    def _request(self, url, headers):
        """One request, through the host gate, with the byte cap and the overall deadline."""
        host = urlsplit(url).netloc
        with self.gate.lock(host):
            self.gate.wait(host)
            started = time.monotonic()
            deadline = min(started + self.deadline, self._stop_at or float("inf"))
            try:
                with self._client.stream("GET", url, headers=headers) as r:
                    encoding = r.headers.get("content-encoding", "identity").lower().strip()
                    body = read_capped(r.iter_raw(), encoding, self.max_bytes, deadline)
                    response_headers = {k.lower(): v for k, v in r.headers.items()}
                    if "location" in r.extensions:
                        response_headers["location"] = r.extensions["location"]
                    return r.status_code, response_headers, body
            except httpx.TimeoutException as e:
                raise FetchError(f"timed out fetching {url} ({type(e).__name__})") from None
            except httpx.HTTPError as e:
                raise FetchError(f"{type(e).__name__} fetching {url}: {e}") from None
            except httpx.InvalidURL as e:  # not an HTTPError: a URL httpx cannot send must not end the source
                raise FetchError(f"refused {url!r}: {e}") from None
            finally:
                self.gate.done(host)


@functools.lru_cache(maxsize=1)
def _tls_context():
    """One TLS context (httpx's default: certificate and host name checks, the certifi CA bundle) for every
    Fetcher of the process: each new one loaded the CA bundle again, about 40 ms per source per run."""
    return httpx.create_ssl_context()


def _hide_location(response):
    """httpx prepares a redirect's next request even when not following it, and raises on a Location
    it cannot parse (javascript:alert(1)). We follow redirects ourselves, each hop checked, so the
    header is moved out of its sight and handed back in Fetcher._request."""
    if "location" in response.headers:
        response.extensions = {**response.extensions, "location": response.headers.pop("location")}


def read_capped(chunks, encoding, max_bytes, deadline=None):
    """Read raw chunks, decompressing gzip/deflate ourselves so that neither the wire size nor the
    inflated size can exceed max_bytes (a compressed bomb is stopped at the cap, not after inflating),
    and stopping at `deadline` (a time.monotonic() value)."""
    if encoding in ("gzip", "x-gzip"):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 32)  # zlib-wrapped (or gzip) deflate
    elif encoding in ("identity", ""):
        inflater = None
    else:
        raise FetchError(f"unsupported content-encoding {encoding!r}")
    out, size, wire = [], 0, 0
    for chunk in chunks:
        wire += len(chunk)
        if inflater is not None:
            try:
                chunk = inflater.decompress(chunk, max_bytes - size + 1)
            except zlib.error as e:
                raise FetchError(f"corrupt {encoding} body: {e}") from None
        size += len(chunk)
        if size > max_bytes or wire > max_bytes:
            raise LimitExceeded(f"body larger than the {max_bytes} byte limit: aborted")
        if deadline is not None and time.monotonic() > deadline:
            raise LimitExceeded(f"timed out: response not complete within the deadline ({size} bytes read)")
        out.append(chunk)
    if inflater is not None and wire and not inflater.eof:
        # A compressed stream that stops early is a cut-off body even when the HTTP framing (a false
        # Content-Length) says it is complete: stored, it would replace a document with a fragment.
        raise FetchError(f"truncated {encoding} body: the compressed stream ends early")
    return b"".join(out)
