"""Awkward input files made on the spot: PDFs, Word files, web pages, text in many encodings.

Nothing here is checked in as a binary; every test builds what it needs in tmp_path,
so the corpus documents exactly what each file contains.
"""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

# A news paragraph long enough to wrap over several PDF lines, with a hyphenated break.
PDF_PAGE_LINES = [
    [
        "Kim leaves Russia after a week-long visit",
        "North Korean leader Kim Jong Un left Russia on Sunday, ending a visit that re-",
        "affirmed close ties with Vladimir Putin and fuelled Western fears that Pyong-",
        "yang could provide Moscow with weapons for its attack on Ukraine.",
        "Kim received five drones from the governor.",
    ],
    [
        "The Russian agency said the leader of the DPRK also received a reconnais-",
        "sance drone and a body armor before his armoured train left the station.",
    ],
]
PDF_EXPECTED_TEXT = (
    "Kim leaves Russia after a week-long visit\n"
    "North Korean leader Kim Jong Un left Russia on Sunday, ending a visit that reaffirmed close ties "
    "with Vladimir Putin and fuelled Western fears that Pyongyang could provide Moscow with weapons for "
    "its attack on Ukraine.\n"
    "Kim received five drones from the governor.\n"
    "The Russian agency said the leader of the DPRK also received a reconnaissance drone and a body "
    "armor before his armoured train left the station."
)


def _escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_bytes(
    pages: list[list[str]],
    header: str | None = None,
    footer: str | None = None,
    user_password: str | None = None,
    owner_password: str | None = None,
    algorithm: str = "RC4-128",
) -> bytes:
    """A text PDF in Helvetica, one line per string; header/footer lines get the page number."""
    writer = PdfWriter()
    for number, lines in enumerate(pages, start=1):
        page = writer.add_blank_page(612, 792)
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        commands = []
        if header:
            commands.append(f"BT /F1 9 Tf 72 760 Td ({_escape(header.format(page=number))}) Tj ET")
        body = " T* ".join(f"({_escape(line)}) Tj" for line in lines)
        commands.append(f"BT /F1 11 Tf 14 TL 72 720 Td {body} ET")
        if footer:
            commands.append(f"BT /F1 9 Tf 280 40 Td ({_escape(footer.format(page=number))}) Tj ET")
        stream = DecodedStreamObject()
        stream.set_data("\n".join(commands).encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    if user_password is not None or owner_password is not None:
        writer.encrypt(user_password or "", owner_password, algorithm=algorithm)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_bytes(
    paragraphs: list[str], table: list[list[str]] | None = None, title: str | None = None, author: str = ""
) -> bytes:
    """A Word file: a heading, paragraphs, then a table if given, then a closing paragraph."""
    from docx import Document

    document = Document()
    document.core_properties.author = author
    document.core_properties.title = title or ""
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
        document.add_paragraph("After the table.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


NEWS_HTML = """<!DOCTYPE html>
<html><head><meta charset="{charset}">
<title>Kim leaves Russia | World News</title>
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2023-09-17T10:00:00Z">
<style>body {{ color: red }} .secret {{ content: "STYLE TEXT" }}</style>
<script>document.write("SCRIPT TEXT"); fetch("https://tracker.example.com/beacon");</script>
<link rel="stylesheet" href="https://cdn.example.com/site.css">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">Menu World</a></li></ul></nav>
<article>
<h1>Kim leaves Russia</h1>
<p>North Korean leader Kim Jong Un left Russia on Sunday, ending a visit that reaffirmed close ties with
Vladimir Putin and fuelled Western fears that Pyongyang could provide Moscow with weapons.</p>
<img src="https://tracker.example.com/pixel.gif" alt="IMAGE ALT">
<iframe src="https://ads.example.com/frame">IFRAME TEXT</iframe>
<!-- COMMENT TEXT must not appear -->
<p>Kim{apostrophe}s extended tour of the far eastern region focused heavily on military matters,
with his own entourage dominated by officers and a visit to a fighter jet factory.</p>
<script>alert("INLINE SCRIPT")</script>
</article>
<section id="comments"><h3>Comments</h3><div class="comment"><p>READER COMMENT: first!</p></div></section>
<footer>FOOTER TEXT Copyright 2023 News Corp. All rights reserved.</footer>
</body></html>
"""
HTML_PARAGRAPHS = (
    "North Korean leader Kim Jong Un left Russia on Sunday, ending a visit that reaffirmed close ties with "
    "Vladimir Putin and fuelled Western fears that Pyongyang could provide Moscow with weapons.",
    "Kim’s extended tour of the far eastern region focused heavily on military matters, "
    "with his own entourage dominated by officers and a visit to a fighter jet factory.",
)
HTML_FORBIDDEN = (
    "STYLE TEXT",
    "SCRIPT TEXT",
    "INLINE SCRIPT",
    "Menu World",
    "IMAGE ALT",
    "IFRAME TEXT",
    "COMMENT TEXT",
    "READER COMMENT",
    "FOOTER TEXT",
)


def news_html(charset: str = "utf-8", apostrophe: str = "’") -> str:
    return NEWS_HTML.format(charset=charset, apostrophe=apostrophe)


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path
