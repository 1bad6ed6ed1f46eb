"""The pure rendering functions: citations become anchors, untrusted text stays inert."""

from __future__ import annotations

import re

import pytest

from assistant import render
from assistant.similar import SimilarProject
from stodkollen.records import REFUSAL, Answer, Chunk, Filters, Project, Source

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[klick](javascript:alert(1))",
    '"><svg onload=alert(1)>',
    "![bild](x onerror=alert(1))",
    "<a href='javascript:alert(1)'>x</a>",
]


def _source(n=1, text="Projektet stärker företagen i Malå. Det pågår 2022–2024.", **md) -> Source:
    meta = {"kommuner": ["Malå"], "lan": ["Västerbottens län"], "kind": "project"}
    meta.update(md)
    source = meta.pop("source", f"00{n}_abc.txt")
    return Source(n, Project(source, 0, "Medskapande processer", **meta), 0.5, text)


def _answer(text: str, sources: list[Source]) -> Answer:
    return Answer("Fråga?", text, refused=False, sources=sources)


def _inert(html: str) -> None:
    """No live tag or javascript: link survives anywhere in the output."""
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    assert "<svg" not in html.lower()
    assert not re.search(r"href=[\"']?\s*javascript:", html, re.I)
    assert not re.search(r"<[^>]*\son\w+\s*=", html, re.I)  # no event handler inside a tag
    assert "](javascript:" not in html  # no live markdown link


# --- citations and chat messages ----------------------------------------------------------
def test_citations_become_anchor_links_to_cards():
    a = _answer(
        "Projektet stärker företagen i Malå. [1] Det pågår 2022–2024. [2]", [_source(1), _source(2)]
    )
    md = render.answer_markdown(a)
    assert '<a href="#kalla-1" class="sk-cite" title="Källa 1">[1]</a>' in md
    assert 'href="#kalla-2"' in md
    cards = render.source_cards(a.sources)
    assert 'id="kalla-1"' in cards and 'id="kalla-2"' in cards


def test_unknown_citation_numbers_stay_plain_text():
    md = render.answer_markdown(_answer("Något. [7]", [_source(1)]))
    assert "#kalla-7" not in md
    assert "\\[7\\]" in md


def test_answer_lists_keep_their_bullets():
    a = _answer(
        "- Håll ut: Projektet syftar till samverkan. [1]\n- Annat: Mer text. [2]",
        [_source(1), _source(2)],
    )
    lines = render.answer_markdown(a).split("\n\n")[0].splitlines()
    assert [line[:2] for line in lines] == ["- ", "- "]


def test_message_shows_filters_and_leaves_sources_to_the_cards():
    a = _answer("Text. [1]", [_source(1, source="https://www.mala.se/projekt")])
    md = render.answer_markdown(a, Filters(kommun="Malå", from_year=2020, to_year=2024))
    assert "Filter: kommun Malå, år 2020–2024" in md.replace("\\", "")
    assert '**Källor:** <a href="#kalla-1"' in md  # numbers only, no titles repeated
    assert "Medskapande processer" not in md
    card = render.source_cards(a.sources)
    assert '<a href="https://www.mala.se/projekt" target="_blank"' in card


def test_cards_group_sources_per_project_and_keep_every_anchor():
    a, b = _source(1), _source(2, text="Mer om samma projekt.", source="001_abc.txt")
    other = _source(3, source="annan.txt")
    html = render.source_cards([a, b, other])
    assert html.count('<article class="sk-card"') == 2
    assert all(f'id="kalla-{n}"' in html for n in (1, 2, 3))


def test_held_back_text_sits_behind_visa_mer():
    a = _answer("Ett. [1]", [_source(1)])
    a.more = "Två. [1]"
    md = render.answer_markdown(a)
    assert "<details><summary>Visa mer</summary>" in md and "Två." in md


def test_refusal_renders_without_sources():
    md = render.answer_markdown(Answer("x", REFUSAL, refused=True))
    assert md == "Jag hittar inget om det i dokumenten."
    assert "Inga källor" in render.source_cards([])


def test_note_is_shown_unless_the_answer_says_it():
    a = Answer("x", "Jag hittar inget om Kiruna i dokumenten.", True, [], note="Inget om Kiruna")
    assert "*" not in render.answer_markdown(a)
    a.note = "Närmaste källor i samma län."
    assert "*Närmaste källor i samma län.*" in render.answer_markdown(a)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_in_answer_text_is_escaped(payload):
    md = render.answer_markdown(_answer(f"Texten {payload} här. [1]", [_source(1)]))
    _inert(md)
    assert "&lt;" in md or "\\[" in md or "\\(" in md


def test_web_addresses_in_answers_keep_no_backslashes():
    md = render.answer_markdown(_answer("Läs mer: www.tillvaxtverket.se). [1]", [_source(1)]))
    assert "www.tillvaxtverket.se\\)" in md  # the address untouched, the parenthesis escaped
    md = render.escape_markdown("Se https://x.se/a_b?c=1&d=2#e.")
    assert "https://x.se/a_b?c=1&d=2#e" in md


@pytest.mark.parametrize(
    "text",
    [
        "https://x.se/[klick](javascript:alert(1))",
        "www.x.se<script>alert(1)</script>",
        'http://x.se/"><img src=x onerror=alert(1)>',
        "www.x.se/`code`*em*",
    ],
)
def test_web_addresses_cannot_carry_markup(text):
    md = render.escape_markdown(text)
    _inert(md)
    assert "\\[klick\\]" in md or "[" not in text
    assert "`" not in md.replace("\\`", "")


def test_error_message_is_escaped():
    md = render.error_markdown("<b>fel</b>")
    assert md.startswith("⚠️ ") and "<b>" not in md


# --- source cards -------------------------------------------------------------------------
def test_card_shows_name_title_place_period_and_highlights_cited_sentence():
    src = _source(1, period_start="2022-09", period_end="2024-08", owner="Malå kommun")
    src.cited_sentences.append("Projektet stärker företagen i Malå. [1]")
    card = render.source_card(src)
    assert "001_abc.txt" in card and "Medskapande processer" in card
    assert "<dt>Kommun</dt><dd>Malå</dd>" in card
    assert "<dt>Län</dt><dd>Västerbottens län</dd>" in card
    assert "<dt>Projektägare</dt><dd>Malå kommun</dd>" in card
    assert "2022-09 – 2024-08" in card
    assert "<mark>Projektet stärker företagen i Malå</mark>." in card


def test_field_sentence_highlights_the_value_in_the_text():
    src = _source(1, text="Projektägare: Industriellt Utvecklingscentrum AB Projekttid: 2012")
    src.cited_sentences.append("Projektägare för Håll ut: Industriellt Utvecklingscentrum AB. [1]")
    assert "<mark>Industriellt Utvecklingscentrum AB</mark>" in render.source_card(src)


def test_highlight_tolerates_whitespace_and_merges_overlaps():
    text = "Ett  två\ntre fyra. Fem sex sju."
    spans = render.highlight_spans(text, ["Ett två tre fyra.", "tre fyra. Fem sex sju"])
    assert spans == [(0, len(text) - 1)]


def test_url_source_is_a_link_file_source_is_text():
    web = render.source_card(_source(1, source="https://example.se/a?b=1&c=2"))
    assert '<a href="https://example.se/a?b=1&amp;c=2" target="_blank"' in web
    assert "](javascript" not in render.link_or_text("https://x.se", "[klick](javascript:alert(1))")
    file = render.source_card(_source(1, source="fil.txt"))
    assert "<a " not in file


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:x",
        "http://",
        "https//x",
        " javascript:alert(1)",
        "http://a b",
    ],
)
def test_only_web_urls_become_links(url):
    assert not render.is_web_url(url)
    out = render.link_or_text(url)
    assert "<a " not in out and "<script" not in out


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_in_document_fields_is_escaped(payload):
    src = Source(
        1,
        Project(payload, 0, payload, kommuner=[payload], owner=payload, period_raw=payload),
        0.1,
        f"Före {payload} efter.",
    )
    src.cited_sentences.append(f"Före {payload} efter.")
    html = render.source_cards([src])
    _inert(html)
    assert render.escape_html(payload) in html  # still there, visible as text


# --- similar projects and documents -------------------------------------------------------
def _similar(**kw) -> SimilarProject:
    base = dict(
        project_id="p#1",
        title="Samverkan",
        source="001.txt",
        kommun="Örnsköldsvik",
        period="2012-03 – 2014-10",
        owner="Företagarna",
        score=0.9,
        passage="Samverkan mellan kommun och företagarorganisation.",
    )
    base.update(kw)
    return SimilarProject(**base)


def test_similar_rows_and_table():
    p = _similar()
    assert render.similar_rows([p]) == [
        [
            "Samverkan",
            "Örnsköldsvik",
            "2012-03 – 2014-10",
            "Företagarna",
            "Samverkan mellan kommun och företagarorganisation.",
            "001.txt",
        ]
    ]
    html = render.similar_table([p, _similar(source="https://x.se/p", owner=None)])
    assert html.count("<tr>") == 3 and "<th>Varför liknande</th>" in html
    assert '<a href="https://x.se/p"' in html and "<td>–</td>" in html
    assert "Inga liknande projekt" in render.similar_table([])


@pytest.mark.parametrize("payload", PAYLOADS)
def test_similar_table_escapes(payload):
    p = _similar(title=payload, source=payload, kommun=payload, owner=payload, passage=payload)
    html = render.similar_table([p])
    _inert(html)
    assert render.escape_html(payload) in html


def _rec(source: str, index: int, title: str, kommuner: list[str]) -> Chunk:
    return Chunk("c", "", Project(source, index, title, kommuner=kommuner), "h")


def test_documents_table_counts_chunks_and_projects():
    recs = [
        _rec("a.txt", 0, "Ett", ["Malå"]),
        _rec("a.txt", 0, "Ett", ["Malå"]),
        _rec("a.txt", 1, "Två", ["Mora", "Orsa"]),
        _rec("<b>x</b>.txt", 0, "<script>", []),
    ]
    rows = render.document_rows(recs)
    assert rows[1] == {
        "source": "a.txt",
        "chunks": 3,
        "projects": 2,
        "titles": ["Ett", "Två"],
        "kommuner": ["Malå", "Mora", "Orsa"],
    }
    projects = [
        Project(
            "a.txt",
            0,
            "Ett",
            kommuner=["Malå"],
            owner="<i>o</i>",
            period_start="2021-01",
            period_end="2022-12",
        )
    ]
    html = render.documents_table(recs, projects)
    assert "2 dokument, 3 projekt, 4 textavsnitt." in html
    assert "2021-01 – 2022-12" in html and "&lt;i&gt;o&lt;/i&gt;" in html
    _inert(html)
    assert "Inga dokument" in render.documents_table([])


def test_ingest_report_lists_skipped_sources():
    text = render.ingest_report(
        {
            "added": 1,
            "updated": 0,
            "unchanged": 2,
            "chunks": 40,
            "skipped": [{"source": "<x>.doc", "reason": "okänt format"}],
        }
    )
    assert text.startswith("Klart\\: 1 nya, 0 uppdaterade, 2 oförändrade dokument")
    assert "&lt;x&gt;.doc\\: okänt format" in text


# --- upload names -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("rapport.txt", "rapport.txt"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\win\\x.PDF", "x.pdf"),
        ("Malå projekt (2021).md", "Malå_projekt_2021.md"),
        (".hidden.html", "hidden.html"),
        ("<script>.htm", "script.htm"),
        ("__.txt", "dokument.txt"),
        ("...txt", None),
        ("virus.exe", None),
        ("noext", None),
        ("x.txt.sh", None),
    ],
)
def test_safe_file_name(name, expected):
    assert render.safe_file_name(name, (".txt", ".md", ".html", ".htm", ".pdf")) == expected


# --- the app's pure helpers (assistant.ui; no server) -------------------------------------
def test_make_filters_reads_the_form():
    from assistant.ui import make_filters
    from stodkollen.errors import UserInputError

    assert make_filters("", "", "", None).is_empty()
    assert make_filters(None, None, 0, 0).is_empty()  # what an empty number field sends
    f = make_filters("Malå", "Västerbottens län", "2018", 2022.0)
    assert (f.kommun, f.lan, f.from_year, f.to_year) == ("Malå", "Västerbottens län", 2018, 2022)
    for bad in [("", "", "2024", "2020"), ("", "", "tjugo", ""), ("", "", "18", "")]:
        with pytest.raises(UserInputError):
            make_filters(*bad)


def test_growing_answer():
    from assistant.ui import growing_answers

    a = _answer("Ett. [1] Två. [2] Tre. [1]", [_source(1), _source(2)])
    assert [p.answer for p in growing_answers(a)] == ["Ett. [1]", "Ett. [1] Två. [2]"]


def test_save_upload_stays_inside_the_uploads_folder(settings, tmp_path):
    from assistant.ui import save_upload
    from stodkollen.errors import UserInputError

    tmp = tmp_path / "in" / "..%2F..%2Fevil name.txt"
    tmp.parent.mkdir()
    tmp.write_text("hej", encoding="utf-8")
    saved = save_upload(tmp, settings)
    assert saved.parent == (settings.home / "uploads").resolve()
    assert saved.name == "2F._2Fevil_name.txt" and saved.read_text(encoding="utf-8") == "hej"
    exe = tmp_path / "in" / "x.exe"
    exe.write_text("x")
    with pytest.raises(UserInputError, match="Filtypen stöds inte"):
        save_upload(exe, settings)
    big = tmp_path / "in" / "stor.txt"
    big.write_bytes(b"a" * 2048)
    small = settings.model_copy(
        update={"serve": settings.serve.model_copy(update={"max_upload_mb": 0.001})}
    )
    with pytest.raises(UserInputError, match="större än"):
        save_upload(big, small)


def test_login_only_beyond_loopback(settings, monkeypatch):
    from assistant.ui import _auth

    monkeypatch.setenv("STODKOLLEN_AUTH_USER", "anna")
    monkeypatch.setenv("STODKOLLEN_AUTH_PASSWORD", "hemligt")
    assert _auth("127.0.0.1", settings) is None and _auth("localhost", settings) is None
    assert _auth("0.0.0.0", settings) == ("anna", "hemligt")
    monkeypatch.delenv("STODKOLLEN_AUTH_PASSWORD")
    assert _auth("0.0.0.0", settings) is None


def test_app_exposes_named_api_endpoints():
    from assistant.ui import create_app

    config = create_app(object()).get_config_file()
    public = {d["api_name"] for d in config["dependencies"] if d.get("api_visibility") == "public"}
    assert public == {"ask", "similar", "ingest_url"}
