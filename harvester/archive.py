"""Raw responses kept for provenance: one gzipped WARC file per harvest run (warcio), so a document can
be re-parsed later without fetching it again."""
import io
import threading
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# Bodies are stored decoded, so these no longer describe them.
DROPPED_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


class WarcArchive:
    def __init__(self, path, name=None):
        self.path = Path(path)
        self.name = name or str(self.path)  # how archive_records names the file: relative to the database
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(self.path, "ab")
        self._writer = WARCWriter(self._file, gzip=True)
        self._lock = threading.Lock()

    def write(self, url, status, headers, body):
        """Append one response record; returns (offset, length) of its gzip member in the file, which
        read_record() reads back alone."""
        http_headers = StatusAndHeaders(
            f"{status} {'OK' if status == 200 else ''}".strip(),
            [(k, v) for k, v in headers.items() if k.lower() not in DROPPED_HEADERS], protocol="HTTP/1.1")
        # With the length given, warcio digests the body in memory instead of copying it to a temporary file.
        record = self._writer.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body),
                                                 http_headers=http_headers)
        with self._lock:
            offset = self._file.tell()
            self._writer.write_record(record)
            self._file.flush()
            return offset, self._file.tell() - offset

    def close(self):
        self._file.close()


def read_archive(path):
    """(url, content type, body) for each response in a WARC file."""
    with open(path, "rb") as f:
        for record in ArchiveIterator(f):
            if record.rec_type == "response":
                yield (record.rec_headers.get_header("WARC-Target-URI"),
                       record.http_headers.get_header("content-type"), record.content_stream().read())


def read_record(path, offset, length):
    """(target URL, WARC date, content type, body) of the response record at `offset` of a WARC file: each
    record is its own gzip member, so it is read without the records before it."""
    with open(path, "rb") as f:
        f.seek(offset)
        data = f.read(length)
    record = next(ArchiveIterator(io.BytesIO(data)))
    return (record.rec_headers.get_header("WARC-Target-URI"), record.rec_headers.get_header("WARC-Date"),
            record.http_headers.get_header("content-type"), record.content_stream().read())
