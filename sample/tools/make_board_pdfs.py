#!/usr/bin/env python3
"""Render the CQC board papers of the offline demo sample as PDFs (sample/site/cqc/sites/default/files/...).

The text comes from sample/tools/content.py (documents with shape "board-pdf"). The PDFs are committed, so
the project itself does NOT depend on fpdf2: only whoever regenerates these files needs it, e.g.

    python3 -m venv /tmp/tv && /tmp/tv/bin/pip install fpdf2
    /tmp/tv/bin/python sample/tools/make_board_pdfs.py

Only the core Helvetica font is used, so the text must be Latin-1 (straight quotes, "-" rather than dashes;
"£" is fine). The output is deterministic: the creation date is the meeting date.
"""
import sys
from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF

sys.path.insert(0, str(Path(__file__).resolve().parent))
import content  # noqa: E402

SITE = Path(__file__).resolve().parent.parent / "site"


class BoardPaper(FPDF):
    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", size=8)
        self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")


def latin1(text, where):
    bad = [c for c in text if ord(c) > 255 or c in "\u2018\u2019\u201c\u201d\u2013\u2014"]
    if bad:
        raise SystemExit(f"{where}: characters outside Latin-1 or typographic quotes/dashes: {sorted(set(bad))}")
    return text


def render(doc):
    wid = doc["id"]
    pdf = BoardPaper(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title(latin1(f"{doc['meeting']} - {doc['title']}", wid))
    pdf.set_author("Care Quality Commission")
    pdf.set_subject(latin1(doc["meeting"], wid))
    pdf.set_creator("sample/tools/make_board_pdfs.py")
    pdf.set_creation_date(datetime.fromisoformat(doc["published"] + "T09:00:00").replace(tzinfo=timezone.utc))
    pdf.add_page()
    w = pdf.epw

    pdf.set_font("Helvetica", "B", 12)
    pdf.multi_cell(w, 6, latin1(doc["meeting"], wid), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(w, 6, latin1(doc["agenda_item"], wid), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(w, 9, latin1(doc["title"], wid), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Helvetica", size=10)
    for line in ("Care Quality Commission", f"Author: {doc['author']}" if not doc["author"].startswith("Sponsor")
                 else doc["author"], f"Purpose: {doc['purpose']}"):
        pdf.multi_cell(w, 5, latin1(line, wid), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    for block in doc["body"]:
        if isinstance(block, str):
            pdf.set_font("Helvetica", size=11)
            pdf.multi_cell(w, 6, latin1(block, wid), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif block[0] in ("h2", "h3"):
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", 13 if block[0] == "h2" else 11)
            pdf.multi_cell(w, 7, latin1(block[1], wid), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif block[0] == "ul":
            pdf.set_font("Helvetica", size=11)
            for item in block[1]:
                pdf.set_x(pdf.l_margin + 4)
                pdf.multi_cell(w - 4, 6, latin1("- " + item, wid), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif block[0] == "pagebreak":
            pdf.add_page()
        else:
            raise SystemExit(f"{wid}: unsupported block {block[0]!r} in a PDF")

    out = SITE / doc["path"].lstrip("/")
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))
    return out, pdf.page_no()


def main():
    for doc in content.DOCS:
        if doc["shape"] == "board-pdf":
            out, pages = render(doc)
            print(f"{out.relative_to(SITE.parent)}: {pages} pages")


if __name__ == "__main__":
    main()
