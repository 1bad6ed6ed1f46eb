"""Loading files into Documents: every format, encodings, and every reason a file is skipped."""

from __future__ import annotations

import hashlib
import io
import pathlib
from pathlib import Path

import pytest

from ingest import loaders
from ingest.loaders import expand_sources, html_to_text, load_source
from stodkollen.errors import SourceSkipped
from stodkollen.records import Document
from stodkollen.settings import IngestSettings, Settings

SWEDISH = "Skärgårdsprojektet i Västerås och Örebro får stöd från Tillväxtverket."

ARTICLE_PAGE = """<!doctype html><html lang="sv"><head><meta charset="utf-8">
<title>Morakontraktet</title><script>var tracking = "SPÅRNING";</script></head><body>
<header><div class="logo">Mora kommun</div>
<nav><ul><li><a href="/">Startsida</a></li><li><a href="/bo">Bo och leva</a></li>
<li><a href="/omsorg">Omsorg och stöd</a></li></ul></nav></header>
<div id="cookie-banner" class="cookie-consent">Vi använder kakor på webbplatsen.
<button>Godkänn alla kakor</button></div>
<main><article>
<h1>Morakontraktet</h1>
<p>Projektet Morakontraktet har genom dess näringslivsfond gett skolor möjlighet att lära
sig mer om arbetslivet genom ett ökat samarbete mellan skola och näringsliv.</p>
<h2>Finansiering</h2>
<p>Projektet finansieras av Tillväxtverket och Region Dalarna med totalt 1,2 miljoner kronor
under perioden 2020–2022.</p>
<ul><li>Sommarlovsentreprenörer i samverkan med UF Dalarna.</li>
<li>Fortsatt arbete med digitalisering i Orsa och Älvdalen.</li></ul>
<script>alert(1)</script><img src=x onerror=alert(1)>
<h2>Kontakt</h2>
<p>Anna Andersson, näringslivsutvecklare, anna.andersson@mora.se, 0250-123 45.</p>
</article></main>
<footer><p>Mora kommun, 792 80 Mora. Tillgänglighetsredogörelse och personuppgifter.</p></footer>
</body></html>"""


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home")


def make_pdf(lines: list[str]) -> bytes:
    """A minimal one-page PDF whose content stream shows `lines` in Helvetica (WinAnsi)."""

    def literal(text: str) -> bytes:
        escaped = text.encode("cp1252").replace(b"\\", b"\\\\")
        return b"(" + escaped.replace(b"(", b"\\(").replace(b")", b"\\)") + b")"

    shown = b" ".join(literal(line) + b" '" for line in lines)
    content = b"BT /F1 12 Tf 72 720 Td 14 TL " + shown + b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def encrypted_pdf(user_password: str) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(make_pdf([SWEDISH])))
    # RC4 needs no extra package; AES would need `cryptography`.
    writer.encrypt(user_password=user_password, owner_password="ägare", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def blank_pdf() -> bytes:
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def skip_reason(path: Path, settings: Settings) -> str:
    with pytest.raises(SourceSkipped) as caught:
        load_source(str(path), settings)
    assert caught.value.source == path.name
    return caught.value.reason


# --- formats ---------------------------------------------------------------------------------


def test_txt_document_fields(tmp_path, settings):
    raw = f"Rubrik\n\n{SWEDISH}\r\n".encode()
    path = write(tmp_path / "projekt.txt", raw)
    doc = load_source(str(path), settings)
    assert doc == Document(
        source="projekt.txt",
        text=f"Rubrik\n\n{SWEDISH}",
        content_hash=hashlib.sha256(raw).hexdigest(),
        path=str(path.resolve()),
        fmt="txt",
    )


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
def test_text_encodings_keep_swedish_letters(tmp_path, settings, encoding):
    path = write(tmp_path / "kodad.txt", f"Åsa säger hej.\n{SWEDISH}".encode(encoding))
    assert load_source(str(path), settings).text == f"Åsa säger hej.\n{SWEDISH}"


def test_short_cp1252_text_is_not_read_as_central_european(tmp_path, settings):
    # Unrestricted detection reads this as cp1250 and turns å into ĺ.
    path = write(tmp_path / "kort.txt", "Västerås: 2 000 kr – “stöd” €".encode("cp1252"))
    assert load_source(str(path), settings).text == "Västerås: 2 000 kr – “stöd” €"


def test_markdown_is_stripped_lightly(tmp_path, settings):
    source = (
        "# Projekt i Orsa #\n\nStödet gäller **hela** kommunen, se "
        "[Tillväxtverket](https://tillvaxtverket.se) och ![karta](karta.png).\n\n"
        "Delmål\n------\n\n- första *delmålet*\n- andra `delmålet`\n"
    )
    doc = load_source(str(write(tmp_path / "orsa.md", source)), settings)
    assert doc.fmt == "md"
    assert doc.text == (
        "Projekt i Orsa\n\nStödet gäller hela kommunen, se Tillväxtverket och karta.\n\n"
        "Delmål\n\n- första delmålet\n- andra delmålet"
    )


def test_html_main_content_without_navigation_and_banner(tmp_path, settings):
    doc = load_source(str(write(tmp_path / "mora.html", ARTICLE_PAGE)), settings)
    assert doc.fmt == "html"
    assert "Projektet Morakontraktet har genom dess näringslivsfond" in doc.text
    assert "Anna Andersson" in doc.text
    for boilerplate in ("Startsida", "Bo och leva", "Godkänn alla kakor", "Tillgänglighets"):
        assert boilerplate not in doc.text
    lines = doc.text.split("\n")
    # Headings on their own lines, paragraphs separated by blank lines.
    assert lines[0] == "Morakontraktet"
    assert "\n\nFinansiering\n\nProjektet finansieras av" in doc.text
    assert "- Sommarlovsentreprenörer i samverkan med UF Dalarna." in lines


def test_html_scripts_and_event_handlers_do_not_leak(tmp_path, settings):
    doc = load_source(str(write(tmp_path / "mora.htm", ARTICLE_PAGE)), settings)
    for markup in ("<script", "</script", "<img", "onerror", "SPÅRNING", "alert(1)"):
        assert markup not in doc.text


def test_html_in_cp1252_with_meta_charset(tmp_path, settings):
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        f"</head><body><article><h1>Stöd i Västerås</h1><p>{SWEDISH}</p></article></body></html>"
    )
    doc = load_source(str(write(tmp_path / "gammal.html", page.encode("cp1252"))), settings)
    assert doc.text == f"Stöd i Västerås\n\n{SWEDISH}"


def test_xhtml_with_xml_declaration_keeps_headings(tmp_path, settings):
    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        f"<body><article><h2>Budget</h2><p>{SWEDISH} {SWEDISH}</p>"
        "<ul><li>Första</li><li>Andra</li></ul></article></body></html>"
    )
    doc = load_source(str(write(tmp_path / "x.html", page)), settings)
    assert doc.text.startswith("Budget\n\n")
    assert doc.text.endswith("- Första\n- Andra")


def test_truncated_html_still_loads(tmp_path, settings):
    page = ARTICLE_PAGE[: ARTICLE_PAGE.index("<h2>Finansiering")] + "<p>Avbruten mening som"
    doc = load_source(str(write(tmp_path / "avbruten.html", page)), settings)
    assert "Projektet Morakontraktet har genom dess näringslivsfond" in doc.text


@pytest.mark.parametrize(
    "page",
    [
        "<html><body></body></html>",
        "<html><head>",
        "<!-- bara en kommentar --><script>var a = 1;</script><style>p {}</style>",
        "<html><body><nav><a href='/'>Meny</a></nav></body></html>",
    ],
)
def test_html_without_text_is_skipped(tmp_path, settings, page):
    reason = skip_reason(write(tmp_path / "tom.html", page), settings)
    assert reason == "ingen text i HTML (no text in HTML)"


@pytest.mark.parametrize(
    "page",
    [
        "<<<>>><",
        "</html>",
        "<html><body><p>Text<div></span></table></p></li>",
        "<![CDATA[ <p>",
        "<?xml version='1.0' encoding='zlib'?><x>Text</x>",
        '<p title="aldrig stängd',
    ],
)
def test_broken_html_never_crashes(tmp_path, settings, page):
    try:
        doc = load_source(str(write(tmp_path / "trasig.html", page)), settings)
    except SourceSkipped as exc:
        assert exc.reason == "ingen text i HTML (no text in HTML)"
    else:
        assert "<p" not in doc.text


def test_lxml_fallback_when_trafilatura_finds_nothing(monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "extract", lambda *args, **kwargs: None)
    page = (
        "<html><head><style>p{}</style></head><body><nav>Meny</nav><h1>Rubrik</h1>"
        "<p>Första\n   stycket<br>ny rad</p><div>Andra stycket</div>"
        "<script>alert(1)</script></body></html>"
    )
    assert html_to_text(page) == "Rubrik\n\nFörsta stycket\nny rad\n\nAndra stycket"


def test_pdf_text_is_extracted(tmp_path, settings):
    raw = make_pdf(["Projekt i Västerås (2021–2023)", "Finansiering: Tillväxtverket"])
    doc = load_source(str(write(tmp_path / "rapport.pdf", raw)), settings)
    assert doc.fmt == "pdf"
    assert doc.text == "Projekt i Västerås (2021–2023)\nFinansiering: Tillväxtverket"
    assert doc.content_hash == hashlib.sha256(raw).hexdigest()


def test_pdf_encrypted_with_empty_user_password_loads(tmp_path, settings):
    doc = load_source(str(write(tmp_path / "skyddad.pdf", encrypted_pdf(""))), settings)
    assert doc.text == SWEDISH


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (encrypted_pdf("hemligt"), "krypterad PDF"),
        (make_pdf([SWEDISH])[:200], "trasig PDF (broken PDF): "),
        (b"%PDF-1.4\nnonsense", "trasig PDF (broken PDF): "),
        (blank_pdf(), "ingen text i PDF (scanned?)"),
    ],
    ids=["password", "truncated", "garbage", "no-text"],
)
def test_unusable_pdfs_are_skipped(tmp_path, settings, raw, expected):
    assert skip_reason(write(tmp_path / "dålig.pdf", raw), settings).startswith(expected)


# --- reasons for skipping --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "raw", "reason"),
    [
        ("tom.txt", b"", "tom fil (empty file)"),
        ("blank.md", b"  \n\t\n", "ingen text (no text)"),
        ("bild.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binär fil (binary content)"),
        ("data.html", bytes(range(1, 32)) * 20, "binär fil (binary content)"),
        ("brev.docx", b"PK\x03\x04", "okänt format .docx (unsupported format)"),
        ("README", b"text", "okänt format utan filändelse (unsupported format)"),
    ],
)
def test_skip_reasons(tmp_path, settings, name, raw, reason):
    assert skip_reason(write(tmp_path / name, raw), settings) == reason


def test_missing_file_is_skipped(tmp_path, settings):
    assert skip_reason(tmp_path / "saknas.txt", settings) == "finns inte (not found)"


def test_directory_is_not_a_file(tmp_path, settings):
    (tmp_path / "mapp.txt").mkdir()
    assert skip_reason(tmp_path / "mapp.txt", settings) == "inte en vanlig fil (not a regular file)"


def test_oversize_file_is_skipped_before_reading(tmp_path, monkeypatch):
    settings = Settings(home=tmp_path / "home", ingest=IngestSettings(max_file_mb=0.001))
    path = write(tmp_path / "stor.txt", "å" * 2000)

    def no_open(*args, **kwargs):
        raise AssertionError("the file was opened although stat() shows it is too large")

    monkeypatch.setattr(pathlib.Path, "open", no_open)
    assert skip_reason(path, settings) == "filen är större än 0.001 MB (file too large)"


def test_size_limit_message_uses_the_setting(tmp_path, settings):
    path = tmp_path / "gles.txt"
    with path.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # sparse: no disk space, no bytes read
    assert skip_reason(path, settings) == "filen är större än 20 MB (file too large)"


# --- directories and expand_sources ----------------------------------------------------------


def test_directory_with_one_good_and_five_bad_files(tmp_path, settings):
    corpus = tmp_path / "korpus"
    write(corpus / "bra.txt", SWEDISH)
    write(corpus / "tom.txt", b"")
    write(corpus / "bild.png", b"\x89PNG\r\n\x1a\n")
    write(corpus / "undermapp" / "binär.txt", b"\x00\x01\x02\x03")
    write(corpus / "undermapp" / "trasig.pdf", b"%PDF-1.7 inte alls")
    write(corpus / "undermapp" / "tom.html", "<html><body><nav>Meny</nav></body></html>")
    write(corpus / ".dold.txt", SWEDISH)
    write(corpus / ".git" / "config.txt", SWEDISH)

    documents, skipped = [], []
    for item in expand_sources([str(corpus)]):
        try:
            documents.append(load_source(item, settings))
        except SourceSkipped as exc:
            skipped.append(exc)

    assert [doc.source for doc in documents] == ["bra.txt"]
    assert {exc.source: exc.reason.split(" (")[0] for exc in skipped} == {
        "bild.png": "okänt format .png",
        "tom.txt": "tom fil",
        "binär.txt": "binär fil",
        "trasig.pdf": "trasig PDF",
        "tom.html": "ingen text i HTML",
    }
    assert all(exc.source in str(exc) for exc in skipped)


def test_expand_sources_order_dedup_urls_and_missing(tmp_path):
    write(tmp_path / "b" / "2.txt", "x")
    write(tmp_path / "b" / "1.txt", "x")
    write(tmp_path / "a.txt", "x")
    items = [
        str(tmp_path / "b"),
        "https://example.invalid/sida",
        str(tmp_path / "a.txt"),
        str(tmp_path / "b" / "1.txt"),  # already found in the walk
        "https://example.invalid/sida",
        str(tmp_path / "finns-inte.txt"),
        "  ",
    ]
    root = tmp_path.resolve()
    assert expand_sources(items) == [
        str(root / "b" / "1.txt"),
        str(root / "b" / "2.txt"),
        "https://example.invalid/sida",
        str(root / "a.txt"),
        str(tmp_path / "finns-inte.txt"),
    ]


def test_non_http_url_is_skipped_without_network(settings):
    with pytest.raises(SourceSkipped) as caught:
        load_source("file:///etc/passwd", settings)
    assert caught.value.source == "file:///etc/passwd"
    assert "http" in caught.value.reason


def test_decode_text_ignores_non_text_codec_labels():
    assert loaders.decode_text("Gävle".encode("cp1252"), declared="zlib") == "Gävle"
