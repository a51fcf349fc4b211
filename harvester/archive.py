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
    """The WARC file of one run, created with its first record: a run that archives nothing (every answer
    a 304, or every source failing) leaves no empty file behind. `name` is how archive_records names the file:
    relative to the database."""

    def __init__(self, path, name=None):
        self.path = Path(path)
        self.name = name or str(self.path)
        self._file = self._writer = None
        self._lock = threading.Lock()

    def write(self, url, status, headers, body):
        """Append one response record; returns (offset, length) of its gzip member in the file, which
        read_record() reads back alone."""
        http_headers = StatusAndHeaders(
            f"{status} {'OK' if status == 200 else ''}".strip(),
            [(k, v) for k, v in headers.items() if k.lower() not in DROPPED_HEADERS], protocol="HTTP/1.1")
        with self._lock:
            if self._writer is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._file = open(self.path, "ab")
                self._writer = WARCWriter(self._file, gzip=True)
            # With the length given, warcio digests the body in memory instead of copying it to a temporary file.
            record = self._writer.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body),
                                                     http_headers=http_headers)
            offset = self._file.tell()
            self._writer.write_record(record)
            self._file.flush()
            return offset, self._file.tell() - offset

    def close(self):
        if self._file is not None:
            self._file.close()


def archive_folder(db_path, archive_dir):
    """Where a database's WARC files go: `archive_dir` beside the database, `{db}` in it standing for the
    database file's name without its extension ("{db}-archive" beside kb.db is kb-archive/), so that
    every database in a folder has its own archive."""
    db_path = Path(db_path).resolve()
    return db_path.parent / archive_dir.replace("{db}", db_path.stem)


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
