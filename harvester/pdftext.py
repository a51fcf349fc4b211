"""PDF text extraction in a child process, so that a hostile or broken PDF costs at most a time,
memory and page budget and never the harvest.

Run as `python -m harvester.pdftext MAX_PAGES MAX_CHARS` with the PDF on stdin; prints {"pages": [...]} as JSON.
"""
import io
import json
import subprocess
import sys

DEFAULT_TIMEOUT = 60        # seconds per PDF
DEFAULT_MEMORY = 1 << 30    # bytes of address space for the child
DEFAULT_MAX_PAGES = 300
DEFAULT_MAX_CHARS = 20_000_000  # of text per PDF


class PdfError(Exception):
    pass


def extract_pages(data, max_pages=DEFAULT_MAX_PAGES, timeout=DEFAULT_TIMEOUT, memory=DEFAULT_MEMORY,
                  max_chars=DEFAULT_MAX_CHARS):
    """Text of each page of the PDF `data` (bytes), from a limited child process; the first `max_pages`
    pages and `max_chars` characters at most."""
    try:
        # The child limits its own memory: preexec_fn is unsafe when the parent runs threads (harvest does).
        proc = subprocess.run([sys.executable, "-m", "harvester.pdftext", str(max_pages), str(max_chars),
                               str(memory)], input=data, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise PdfError(f"PDF text extraction took longer than {timeout}s and was stopped") from None
    if proc.returncode != 0:
        # A child killed outright (a signal, an abort on a failed allocation) may say nothing on stderr.
        lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        last = lines[-1] if lines else f"exit status {proc.returncode}"
        raise PdfError(f"PDF text extraction failed: {last[:300]}")
    return json.loads(proc.stdout)["pages"]


def _main():
    import logging
    import resource
    if len(sys.argv) > 3:  # before pypdf is imported or any PDF read
        memory = int(sys.argv[3])
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    logging.disable(logging.WARNING)  # pypdf warns on every slightly odd file
    from pypdf import PasswordType, PdfReader
    max_pages = int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_MAX_PAGES
    max_chars = int(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_MAX_CHARS
    reader = PdfReader(io.BytesIO(sys.stdin.buffer.read()))
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")  # returns NOT_DECRYPTED (no exception) when a password is needed
        except Exception:
            opened = PasswordType.NOT_DECRYPTED
        if opened == PasswordType.NOT_DECRYPTED:
            sys.exit("encrypted PDF: it needs a password")
    pages, total = [], 0
    for page in reader.pages[:max_pages]:
        # A few KB of compressed content can show hundreds of MB of text: stop at the budget.
        pages.append((page.extract_text() or "")[: max_chars - total])
        total += len(pages[-1])
        if total >= max_chars:
            break
    json.dump({"pages": pages, "total_pages": len(reader.pages)}, sys.stdout)


if __name__ == "__main__":
    _main()
