"""PDF text extraction in a child process, so that a hostile or broken PDF costs at most a time,
memory and page budget and never the harvest.

Run as `python -m harvester.pdftext MAX_PAGES` with the PDF on stdin; prints {"pages": [...]} as JSON.
"""
import io
import json
import subprocess
import sys

DEFAULT_TIMEOUT = 60        # seconds per PDF
DEFAULT_MEMORY = 1 << 30    # bytes of address space for the child
DEFAULT_MAX_PAGES = 300


class PdfError(Exception):
    pass


def extract_pages(data, max_pages=DEFAULT_MAX_PAGES, timeout=DEFAULT_TIMEOUT, memory=DEFAULT_MEMORY):
    """Text of each page of the PDF `data` (bytes), from a limited child process."""

    def limit_memory():
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    try:
        proc = subprocess.run([sys.executable, "-m", "harvester.pdftext", str(max_pages)], input=data,
                              capture_output=True, timeout=timeout, preexec_fn=limit_memory)
    except subprocess.TimeoutExpired:
        raise PdfError(f"PDF text extraction took longer than {timeout}s and was stopped") from None
    if proc.returncode != 0:
        last = (proc.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
        raise PdfError(f"PDF text extraction failed: {last[:300]}")
    return json.loads(proc.stdout)["pages"]


def _main():
    import logging
    logging.disable(logging.WARNING)  # pypdf warns on every slightly odd file
    from pypdf import PdfReader
    max_pages = int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_MAX_PAGES
    reader = PdfReader(io.BytesIO(sys.stdin.buffer.read()))
    if reader.is_encrypted:
        try:
            reader.decrypt("")
        except Exception:
            sys.exit("encrypted PDF")
    pages = [page.extract_text() or "" for page in reader.pages[:max_pages]]
    json.dump({"pages": pages, "total_pages": len(reader.pages)}, sys.stdout)


if __name__ == "__main__":
    _main()
