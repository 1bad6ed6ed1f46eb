"""The project list's pure logic: rows, filters, CSV text and chart data."""

from __future__ import annotations

import csv
import io

from assistant import project_table as pt
from stodkollen.records import Project

PROJECTS = [
    Project(
        source="002_mala.txt",
        index=0,
        title="Medskapande processer",
        kommuner=["Malå"],
        lan=["Västerbottens län"],
        owner="Malå kommun",
        period_start="2022-09",
        period_end="2024-08",
        budget_sek=624602,
        funders=["Tillväxtverket", "Malå kommun"],
    ),
    Project(
        source="https://example.se/move(up)",
        index=1,
        title="Move up North",
        kommuner=["Sorsele", "Malå"],
        lan=["Västerbottens län", "Norrbottens län"],
        period_start="2023-01",
    ),
    Project(
        source="001_kalmar.txt",
        index=0,
        title="Håll ut",
        kommuner=["Kalmar"],
        lan=["Kalmar län"],
        owner="Industriellt Utvecklingscentrum i Kalmar AB",
        period_start="2020-03",
        period_end="2021-10",
    ),
    Project(
        source="001_kalmar.txt", index=1, title="Om kommunen", kind="page", kommuner=["Kalmar"]
    ),
    Project(source="004.txt", index=0, title="En artikel", kind="article", period_start="2018-01"),
]


def rows():
    return pt.project_rows(PROJECTS)


def test_only_projects_become_rows_with_json_keys():
    got = rows()
    assert [r["title"] for r in got] == ["Medskapande processer", "Move up North", "Håll ut"]
    assert set(pt.CSV_KEYS) <= set(got[0])
    assert set(pt.CSV_KEYS) <= set(PROJECTS[0].to_dict())  # the JSON output's keys


def test_filter_by_kommun_lan_and_text():
    titles = lambda rs: [r["title"] for r in rs]  # noqa: E731
    assert titles(pt.filter_rows(rows(), kommun="Malå")) == [
        "Medskapande processer",
        "Move up North",
    ]
    assert titles(pt.filter_rows(rows(), kommun=" malå ")) == titles(
        pt.filter_rows(rows(), kommun="Malå")
    )
    assert titles(pt.filter_rows(rows(), lan="Norrbottens län")) == ["Move up North"]
    assert titles(pt.filter_rows(rows(), kommun="Malå", lan="Kalmar län")) == []
    assert titles(pt.filter_rows(rows(), text="tillväxtverket")) == ["Medskapande processer"]
    assert titles(pt.filter_rows(rows(), text="kalmar AB")) == ["Håll ut"]
    assert titles(pt.filter_rows(rows(), text="2023")) == ["Move up North"]
    assert len(pt.filter_rows(rows(), kommun="", lan=None, text="  ")) == 3


def test_choices_sort_swedish_style():
    assert pt.choices(rows(), "kommuner") == ["Kalmar", "Malå", "Sorsele"]
    names = ["Östersund", "Åsele", "Arjeplog", "Älvdalen", "Vilhelmina"]
    assert sorted(names, key=pt._swedish) == [
        "Arjeplog",
        "Vilhelmina",
        "Åsele",
        "Älvdalen",
        "Östersund",
    ]
    assert pt.choices(rows(), "lan") == ["Kalmar län", "Norrbottens län", "Västerbottens län"]


def test_csv_has_json_keys_and_joined_lists():
    text = pt.csv_text(rows())
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0] == ",".join(pt.CSV_KEYS)
    assert len(parsed) == 3
    first = parsed[0]
    assert first["kommuner"] == "Malå" and first["funders"] == "Tillväxtverket; Malå kommun"
    assert first["budget_sek"] == "624602" and first["period_end"] == "2024-08"
    assert parsed[1]["owner"] == "" and parsed[1]["lan"] == "Västerbottens län; Norrbottens län"
    assert parsed[1]["source"] == "https://example.se/move(up)"


def test_table_frame_has_swedish_headers_and_links_only_for_urls():
    frame = pt.table_frame(rows())
    assert list(frame.columns) == list(pt.TABLE_HEADERS)
    assert frame.iloc[0]["Period"] == "2022-09 – 2024-08"
    assert frame.iloc[1]["Period"] == "från 2023-01"
    assert (
        frame.iloc[1]["Källa"]
        == "[https://example.se/move\\(up\\)](https://example.se/move%28up%29)"
    )
    assert frame.iloc[0]["Källa"] == "002\\_mala.txt"  # a file name, no link
    assert frame.iloc[0]["Budget (kr)"] == 624602


def test_source_that_is_not_http_is_never_a_link():
    assert "](" not in pt.source_markdown("javascript:alert(1)")
    assert pt.source_markdown("a[b](c).txt") == "a\\[b\\]\\(c\\).txt"


def test_chart_data():
    years = pt.per_start_year(rows())
    assert list(years[pt.YEAR]) == ["2020", "2021", "2022", "2023"]
    assert list(years[pt.COUNT]) == [1, 0, 1, 1]
    lans = pt.per_lan(rows())
    assert list(lans[pt.LAN]) == ["Västerbottens län", "Kalmar län", "Norrbottens län"]
    assert list(lans[pt.COUNT]) == [2, 1, 1]
    assert pt.per_start_year([]).empty and pt.per_lan([]).empty
