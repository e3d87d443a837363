"""Real-world article files in, a clear one-sentence DossierError for anything else.

Every input is made here (see corpus.py): text in many encodings, saved web
pages, PDFs and Word files, and damaged copies of each.
"""

from __future__ import annotations

import codecs
import json
import os
import socket
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core import annotated_json
from desktop.core.annotated_json import document_from_dict, document_to_dict, dumps
from desktop.core.articles import ARTICLE_SUFFIXES, read_article
from desktop.core.errors import DossierError
from desktop.core.grouping import group_mentions
from desktop.core.io import open_any
from desktop.core.labels import CATEGORIES
from desktop.core.model import ORIGINS, Document, Fact, FactPart, Mention, Quote
from tests.core.corpus import (
    HTML_FORBIDDEN,
    HTML_PARAGRAPHS,
    PDF_EXPECTED_TEXT,
    PDF_PAGE_LINES,
    docx_bytes,
    news_html,
    pdf_bytes,
    write,
)

NEWS = (
    "Le président a déclaré lundi à Zürich : « Nous ne céderons pas. »\n"
    "The minister’s “reform” plan – announced on Monday – drew criticism from café owners.\n"
    "Größere Änderungen sind nicht geplant, sagte die Sprecherin.\n"
)


def refused(path: Path, match: str, **kwargs: object) -> str:
    """The error message for path, which must name the file."""
    with pytest.raises(DossierError, match=match) as caught:
        open_any(path, **kwargs)  # type: ignore[arg-type]
    message = str(caught.value)
    assert path.name in message and "\n" not in message
    return message


# --- plain text in every common encoding ------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "bom", "recorded"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
        ("utf-32-le", codecs.BOM_UTF32_LE, "utf-32"),
        ("cp1252", b"", "cp1252"),
    ],
)
def test_text_in_each_encoding_reads_back_exactly(
    tmp_path: Path, encoding: str, bom: bytes, recorded: str
) -> None:
    raw = bom + NEWS.replace("\n", "\r\n").encode(encoding)
    article = read_article(write(tmp_path, "news.txt", raw))
    assert article.text == NEWS
    assert article.meta == {"format": "text", "encoding": recorded}
    assert article.title == NEWS.splitlines()[0]


def test_latin1_text_without_windows_punctuation_reads_back(tmp_path: Path) -> None:
    text = "Ça coûte 5 ¤, señor. Garçon, où est la gare ? Größere Änderungen.\n"
    article = read_article(write(tmp_path, "a.txt", text.encode("latin-1")))
    assert article.text == text
    # Latin-1 is cp1252 wherever real text uses it; browsers treat them the same way.
    assert article.meta["encoding"] in ("cp1252", "iso8859-1")


def test_utf16_without_bom_and_cyrillic_code_page_are_detected(tmp_path: Path) -> None:
    english = "Kim Jong Un left Russia on Sunday after a week-long visit.\n"
    article = read_article(write(tmp_path, "a.txt", english.encode("utf-16-le")))
    assert (article.text, article.meta["encoding"]) == (english, "utf-16-le")
    russian = "Президент России Владимир Путин заявил в понедельник, что визит прошёл успешно.\n"
    article = read_article(write(tmp_path, "b.txt", russian.encode("cp1251")))
    assert (article.text, article.meta["encoding"]) == (russian, "cp1251")


def test_polish_text_keeps_its_letters(tmp_path: Path) -> None:
    polish = "Prezydent Polski spotkał się w środę z ministrem. Rozmowy dotyczyły bezpieczeństwa.\n"
    article = read_article(write(tmp_path, "a.md", polish.encode("cp1250")))
    assert article.text == polish
    assert article.meta == {"format": "markdown", "encoding": "cp1250"}


def test_every_line_ending_becomes_a_newline(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "a.txt", b"one\r\ntwo\rthree\nfour\r\n"))
    assert article.text == "one\ntwo\nthree\nfour\n"


def test_a_text_that_starts_with_its_first_paragraph_is_titled_by_its_file_name(tmp_path: Path) -> None:
    paragraph = "MOSCOW: North Korean leader Kim Jong Un left Russia on Sunday, ending a visit. " * 3
    article = read_article(write(tmp_path, "kim-jong-un_leaves-russia.txt", paragraph.encode()))
    assert article.title == "Kim jong un leaves russia"
    sentence = read_article(write(tmp_path, "short.txt", b"Kim left Russia on Sunday.\nMore.\n"))
    assert sentence.title == "Short"
    headline = read_article(write(tmp_path, "h.txt", b"Kim leaves Russia after a week\n\nMOSCOW: Kim left."))
    assert headline.title == "Kim leaves Russia after a week"


def test_markdown_title_is_the_first_heading(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "a.md", b"\n\n# Kim leaves Russia\n\nBody.\n"))
    assert article.title == "Kim leaves Russia"
    assert article.text == "\n\n# Kim leaves Russia\n\nBody.\n"


def test_utf8_copy_cut_mid_character_keeps_the_rest(tmp_path: Path) -> None:
    raw = NEWS.encode("utf-8") + "Kim’s".encode()[:5]  # the apostrophe's last byte is missing
    article = read_article(write(tmp_path, "a.txt", raw))
    assert article.text == NEWS + "Kim"
    assert article.meta["encoding"] == "utf-8"


def test_a_damaged_byte_in_utf8_does_not_garble_the_article(tmp_path: Path) -> None:
    raw = NEWS.encode("utf-8") * 3
    raw = raw[:40] + b"\xff" + raw[41:]
    article = read_article(write(tmp_path, "a.txt", raw))
    assert article.meta["encoding"] == "utf-8"
    assert "\ufffd" in article.text and article.text.endswith(NEWS)


@pytest.mark.parametrize(
    "raw",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4,
        b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4,
        b"Some text\x00\x00\x00 with NUL bytes in it" * 10,
        bytes(range(128, 256)) * 8 + bytes(range(0, 32)) * 8,
    ],
    ids=["png", "zip", "nul", "high-and-control"],
)
def test_binary_file_with_text_extension_is_refused(tmp_path: Path, raw: bytes) -> None:
    refused(write(tmp_path, "picture.txt", raw), "looks like a binary file")


@pytest.mark.parametrize("raw", [b"", b"  \n\r\n\t ", codecs.BOM_UTF8, codecs.BOM_UTF16_LE])
def test_empty_file_is_refused(tmp_path: Path, raw: bytes) -> None:
    refused(write(tmp_path, "empty.txt", raw), "is empty")


# --- what every format shares -------------------------------------------------------------------


def test_missing_file_is_refused(tmp_path: Path) -> None:
    for name in ("gone.txt", "gone.pdf", "gone.json", "gone.xyz"):
        refused(tmp_path / name, "does not exist")


def test_folder_is_refused(tmp_path: Path) -> None:
    for name in ("folder", "folder.txt", "folder.json"):
        (tmp_path / name).mkdir()
        refused(tmp_path / name, "is a folder")


def test_unreadable_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.txt", b"classified")
    path.chmod(0)
    if os.access(path, os.R_OK):
        pytest.skip("running as a user who can read anything (root)")
    refused(path, "Cannot open secret.txt: permission denied")


def test_unsupported_extension_is_refused(tmp_path: Path) -> None:
    message = refused(write(tmp_path, "sheet.xlsx", b"data"), "not .xlsx")
    assert ".pdf" in message and ".docx" in message


def test_size_limit_is_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "long.txt", b"Kim left Russia. " * 4000)  # 68 kB
    assert read_article(path).text.startswith("Kim")
    refused(path, r"up to 0\.05 MB .*DOSSIER_MAX_MB", max_mb=0.05)
    monkeypatch.setenv("DOSSIER_MAX_MB", "0.05")
    refused(path, r"up to 0\.05 MB")
    monkeypatch.setenv("DOSSIER_MAX_MB", "lots")
    with pytest.raises(DossierError, match="DOSSIER_MAX_MB must be a number"):
        read_article(path)


def test_size_limit_counts_the_text_of_containers(tmp_path: Path) -> None:
    pages = [["Kim left Russia on Sunday after a visit of several days to the far east."] * 40] * 4
    path = write(tmp_path, "long.pdf", pdf_bytes(pages))
    assert path.stat().st_size < 0.01 * 1024 * 1024 * 10  # the file itself is under the container limit
    refused(path, "holds .* of text", max_mb=0.01)


def test_heavy_readers_are_imported_only_when_needed() -> None:
    code = (
        "import sys, desktop.core.io, desktop.core.articles;"
        "print([m for m in ('trafilatura', 'pypdf', 'docx', 'charset_normalizer') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- web pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("charset", "encoding"), [("utf-8", "utf-8"), ("windows-1252", "cp1252")])
def test_saved_web_page_gives_the_article_only(tmp_path: Path, charset: str, encoding: str) -> None:
    page = write(tmp_path, "kim.html", news_html(charset).encode(encoding))
    article = read_article(page)
    assert article.text == "Kim leaves Russia\n" + "\n".join(HTML_PARAGRAPHS)
    assert article.title == "Kim leaves Russia"
    assert article.meta == {
        "format": "html",
        "encoding": encoding,
        "author": "Jane Reporter",
        "date": "2023-09-17",
    }
    for boilerplate in HTML_FORBIDDEN:
        assert boilerplate not in article.text


def test_web_page_is_read_without_touching_the_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the reader tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    page = write(tmp_path, "kim.htm", news_html().encode())
    assert read_article(page).text.startswith("Kim leaves Russia")


def test_xhtml_with_xml_declaration_reads(tmp_path: Path) -> None:
    raw = b'<?xml version="1.0" encoding="utf-8"?>\n' + news_html().encode()
    assert HTML_PARAGRAPHS[1] in read_article(write(tmp_path, "kim.xhtml", raw)).text


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav></body></html>",
        "<html><head><title>App</title><script>var article = 'a long script string here';</script>"
        "</head><body><div id='root'></div><noscript>You need to enable JavaScript to run this app."
        "</noscript></body></html>",
        "<html><body><img src='https://example.com/photo.jpg'></body></html>",
    ],
    ids=["menu-only", "javascript-app", "image-only"],
)
def test_web_page_without_article_text_is_refused(tmp_path: Path, html: str) -> None:
    refused(write(tmp_path, "page.html", html.encode()), "has no article text")


def test_truncated_web_page_keeps_what_arrived(tmp_path: Path) -> None:
    raw = news_html().encode()
    cut = raw[: raw.index(b"Kim\xe2\x80\x99s extended")]
    article = read_article(write(tmp_path, "cut.html", cut))
    assert HTML_PARAGRAPHS[0] in article.text and "extended" not in article.text


# --- PDF ---------------------------------------------------------------------------------------


def test_pdf_text_in_reading_order_without_running_heads(tmp_path: Path) -> None:
    raw = pdf_bytes(PDF_PAGE_LINES, header="Daily Report - page {page}", footer="Page {page} of 2")
    article = read_article(write(tmp_path, "report.pdf", raw))
    assert article.text == PDF_EXPECTED_TEXT
    assert "Daily Report" not in article.text and "Page 1" not in article.text
    assert article.title == "Kim leaves Russia after a week-long visit"
    assert article.meta["format"] == "pdf"


def test_pdf_keeps_a_line_that_only_repeats_in_the_body(tmp_path: Path) -> None:
    pages = [["Kim said so.", *lines, "Kim said so."] for lines in PDF_PAGE_LINES]
    text = read_article(write(tmp_path, "a.pdf", pdf_bytes([*pages, ["Kim said so."]]))).text
    assert "reaffirmed" in text and "Pyongyang" in text and "reconnaissance" in text


def test_pdf_with_only_an_owner_password_opens(tmp_path: Path) -> None:
    raw = pdf_bytes(PDF_PAGE_LINES, owner_password="boss")
    assert read_article(write(tmp_path, "restricted.pdf", raw)).text == PDF_EXPECTED_TEXT


def test_pdf_with_a_user_password_is_refused(tmp_path: Path) -> None:
    raw = pdf_bytes(PDF_PAGE_LINES, user_password="secret", owner_password="boss")
    refused(write(tmp_path, "locked.pdf", raw), "protected by a password")


def test_pdf_encrypted_beyond_the_installed_crypto_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    def needs_cryptography(self: PdfReader, password: str) -> None:
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(PdfReader, "decrypt", needs_cryptography)
    raw = pdf_bytes(PDF_PAGE_LINES, owner_password="boss")
    refused(write(tmp_path, "aes.pdf", raw), "encrypted in a way Dossier cannot read")


def test_truncated_pdf_is_refused(tmp_path: Path) -> None:
    raw = pdf_bytes(PDF_PAGE_LINES)
    refused(write(tmp_path, "cut.pdf", raw[: len(raw) * 2 // 3]), "cut short")


def test_pdf_with_scrambled_insides_is_refused(tmp_path: Path) -> None:
    raw = bytearray(pdf_bytes(PDF_PAGE_LINES))
    third = len(raw) // 3
    raw[third : 2 * third] = bytes((b * 7 + 3) % 256 for b in raw[third : 2 * third])
    refused(write(tmp_path, "scrambled.pdf", bytes(raw)), "damaged PDF")


def test_damaged_pdf_gives_one_message_and_nothing_on_stderr(tmp_path: Path) -> None:
    raw = bytearray(pdf_bytes(PDF_PAGE_LINES))
    third = len(raw) // 3
    raw[third : 2 * third] = bytes((b * 7 + 3) % 256 for b in raw[third : 2 * third])
    path = write(tmp_path, "scrambled.pdf", bytes(raw))
    code = (
        "import sys; from desktop.core.articles import read_article\n"
        "try: read_article(sys.argv[1])\n"
        "except Exception as error: print(type(error).__name__)"
    )
    run = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    assert (run.stdout, run.stderr) == ("DossierError\n", "")


def test_file_named_pdf_that_is_not_one_is_refused(tmp_path: Path) -> None:
    refused(write(tmp_path, "fake.pdf", b"<html>not a pdf</html>\n%%EOF"), "not a PDF file")


def test_pdf_without_text_layer_is_refused(tmp_path: Path) -> None:
    refused(write(tmp_path, "scan.pdf", pdf_bytes([[]])), "no text layer")


# --- Word ----------------------------------------------------------------------------------------


def test_docx_paragraphs_and_tables_in_document_order(tmp_path: Path) -> None:
    raw = docx_bytes(
        ["Kim leaves Russia", "", "North Korean leader Kim Jong Un left Russia on Sunday."],
        table=[["Item", "Count"], ["explosive drones", "5"]],
        title="Kim's visit",
        author="Jane Reporter",
    )
    article = read_article(write(tmp_path, "memo.docx", raw))
    assert article.text == (
        "Kim leaves Russia\nNorth Korean leader Kim Jong Un left Russia on Sunday.\n"
        "Item\tCount\nexplosive drones\t5\nAfter the table."
    )
    assert article.title == "Kim's visit"
    assert article.meta["author"] == "Jane Reporter" and article.meta["format"] == "docx"


def test_docx_merged_cells_count_once(tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    table = document.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 2))
    merged.text = "Weapons delivered"
    for cell, value in zip(table.rows[1].cells, ["drones", "rifles", "armor"], strict=True):
        cell.text = value
    document.save(tmp_path / "merged.docx")
    assert read_article(tmp_path / "merged.docx").text == "Weapons delivered\ndrones\trifles\tarmor"


def test_truncated_docx_is_refused(tmp_path: Path) -> None:
    raw = docx_bytes(["Kim left Russia."])
    refused(write(tmp_path, "cut.docx", raw[: len(raw) // 2]), "damaged Word file")


def test_docx_with_a_corrupted_member_is_refused(tmp_path: Path) -> None:
    raw = bytearray(docx_bytes(["Kim left Russia on Sunday."] * 50))
    header = raw.index(b"word/document.xml")  # its compressed data follows the name
    for offset in range(header + 40, header + 120):
        raw[offset] ^= 0x5A
    refused(write(tmp_path, "corrupt.docx", bytes(raw)), "damaged Word file")


def test_zip_that_is_not_a_word_file_is_refused(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "other.docx", "w") as archive:
        archive.writestr("readme.txt", "hello")
    refused(tmp_path / "other.docx", "not a Word document")


def test_docx_without_text_is_refused(tmp_path: Path) -> None:
    refused(write(tmp_path, "blank.docx", docx_bytes([])), "contains no text")


# --- Dossier JSON through open_any --------------------------------------------------------------


def dossier_json(tmp_path: Path, change: object = None) -> Path:
    text = "Kim left Moscow."
    document = Document(text=text, mentions=[Mention("m1", 0, 3, "PERSON", "Kim")])
    data = document_to_dict(document)
    if callable(change):
        change(data)
    path = tmp_path / "saved.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_dossier_json_opens_as_a_document(tmp_path: Path) -> None:
    opened = open_any(dossier_json(tmp_path))
    assert opened.article is None and opened.document is not None
    assert opened.document.mentions[0].text == "Kim"


def test_malformed_json_is_refused(tmp_path: Path) -> None:
    refused(write(tmp_path, "broken.json", b'{"schema": "dossier/1", "text": '), "not valid JSON")
    refused(write(tmp_path, "latin.json", '{"text": "café"}'.encode("latin-1")), "Cannot read")


def test_json_of_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = dossier_json(tmp_path, lambda data: data.update(schema="dossier/7"))
    refused(path, "newer version of Dossier .*dossier/7")


def test_json_of_another_program_is_refused(tmp_path: Path) -> None:
    refused(write(tmp_path, "other.json", b'{"name": "x"}'), "no schema field")
    refused(write(tmp_path, "list.json", b"[1, 2]"), "expected an object")
    path = dossier_json(tmp_path, lambda data: data.update(schema="acme/1"))
    refused(path, "not a Dossier annotated JSON file .*acme/1")


def test_json_whose_offsets_do_not_fit_is_refused(tmp_path: Path) -> None:
    path = dossier_json(tmp_path, lambda data: data["mentions"][0].update(start=4, end=7))
    refused(path, "should read 'Kim'")


def test_older_schema_is_migrated_before_validation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def from_v0(data: dict) -> dict:
        data["text"] = data.pop("body")
        return {**data, "schema": "dossier/1"}

    def as_v0(data: dict) -> None:
        data["body"] = data.pop("text")
        data["schema"] = "dossier/0"

    path = dossier_json(tmp_path, as_v0)
    refused(path, "dossier/0, which this version of Dossier can no longer read")
    monkeypatch.setitem(annotated_json.MIGRATIONS, 0, from_v0)
    assert open_any(path).document.text == "Kim left Moscow."  # type: ignore[union-attr]


def test_every_supported_extension_has_a_reader(tmp_path: Path) -> None:
    for suffix in ARTICLE_SUFFIXES:
        path = write(tmp_path, f"probe{suffix}", b"\x00\x01\x02 not an article")
        with pytest.raises(DossierError, match="probe"):
            read_article(path)


# --- properties over arbitrary input ------------------------------------------------------------

LABELS_ANY = (*CATEGORIES, "DATE", "NORP")
SAMPLES = {
    ".pdf": pdf_bytes(PDF_PAGE_LINES, header="Report {page}"),
    ".docx": docx_bytes(["Kim left Russia on Sunday."], table=[["a", "b"]]),
    ".html": news_html().encode(),
    ".txt": "Kim’s visit – “a success”, said TASS.\n".encode("cp1252"),
}


@st.composite
def damaged_copies(draw: st.DrawFn, sample: bytes) -> bytes:
    """A real file cut short, with a run of bytes overwritten, or with bytes dropped."""
    raw = bytearray(sample)
    start = draw(st.integers(0, len(raw) - 1))
    kind = draw(st.sampled_from(["truncate", "overwrite", "delete"]))
    if kind == "truncate":
        return bytes(raw[:start])
    length = draw(st.integers(1, 64))
    if kind == "delete":
        return bytes(raw[:start] + raw[start + length :])
    raw[start : start + length] = draw(st.binary(min_size=length, max_size=length))
    return bytes(raw)


def file_contents(suffix: str) -> st.SearchStrategy[bytes]:
    sample = SAMPLES.get(suffix) or SAMPLES.get(".html" if "htm" in suffix else ".txt")
    assert sample is not None
    return st.one_of(st.binary(max_size=2048), damaged_copies(sample))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_readers_raise_only_dossier_error_on_arbitrary_bytes(data: st.DataObject) -> None:
    suffix = data.draw(st.sampled_from(ARTICLE_SUFFIXES))
    raw = data.draw(file_contents(suffix))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(raw)
        try:
            article = read_article(path)
        except DossierError as error:
            assert "input" in str(error)
        else:
            assert article.text.strip() and "\r" not in article.text
            json.dumps(article.meta)  # goes into the exported JSON as is


# --- annotated JSON round trip ------------------------------------------------------------------

TEXTS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),  # lone surrogates cannot be saved as UTF-8
    min_size=1,
    max_size=200,
)
NAMES = st.text(max_size=12, alphabet=st.characters(blacklist_categories=("Cs",)))
VALUES = st.none() | st.floats(allow_nan=False, allow_infinity=False)


def spans(text: str) -> st.SearchStrategy[tuple[int, int]]:
    return st.tuples(st.integers(0, len(text)), st.integers(0, len(text))).map(sorted).map(tuple)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    text = draw(TEXTS)
    mentions = []
    for index, (start, end) in enumerate(draw(st.lists(spans(text), max_size=8)), start=1):
        mentions.append(
            Mention(
                f"m{index}",
                start,
                end,
                draw(st.sampled_from(LABELS_ANY)),
                text[start:end],
                origin=draw(st.sampled_from(ORIGINS)),
                value=draw(VALUES),
                unit=draw(st.none() | NAMES),
            )
        )
    entities = group_mentions(text, mentions)
    quotes = []
    for index, (start, end) in enumerate(draw(st.lists(spans(text), max_size=3)), start=1):
        quotes.append(
            Quote(
                f"q{index}",
                draw(st.sampled_from(["direct", "indirect", "mixed"])),
                start,
                end,
                text[start:end],
                fragments=[(start, end)],
                origin=draw(st.sampled_from(ORIGINS)),
            )
        )
    facts = []
    for index, (start, end) in enumerate(draw(st.lists(spans(text), max_size=2)), start=1):
        part = FactPart(text[start:end], start, end)
        facts.append(
            Fact(
                f"f{index}",
                start,
                end,
                subject=draw(st.none() | st.just(part)),
                predicate=part,
                status=draw(st.sampled_from(["unverified", "verified", "disputed"])),
                note=draw(NAMES),
                origin=draw(st.sampled_from(ORIGINS)),
            )
        )
    deleted = [(s, e, draw(st.sampled_from(LABELS_ANY))) for s, e in draw(st.lists(spans(text), max_size=2))]
    return Document(
        text=text,
        source=draw(st.none() | NAMES),
        title=draw(st.none() | NAMES),
        meta=draw(st.dictionaries(NAMES, NAMES, max_size=3)),
        mentions=mentions,
        entities=entities,
        quotes=quotes,
        facts=facts,
        deleted=deleted,
    )


@settings(max_examples=100, deadline=None)
@given(documents())
def test_export_import_export_is_byte_identical(document: Document) -> None:
    exported = dumps(document).encode("utf-8")
    restored = document_from_dict(json.loads(exported.decode("utf-8")))
    assert dumps(restored).encode("utf-8") == exported
