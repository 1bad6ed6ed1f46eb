"""Kommun/län data and place recognition."""

from __future__ import annotations

from collections import Counter

import pytest

from stodkollen.places import (
    all_kommuner,
    find_kommuner,
    find_lan,
    kommuner_in_lan,
    lan_of,
    normalize_place,
)

# Kommuner per län, as SCB lists them (2024).
EXPECTED_PER_LAN = {
    "Stockholms län": 26, "Uppsala län": 8, "Södermanlands län": 9, "Östergötlands län": 13,
    "Jönköpings län": 13, "Kronobergs län": 8, "Kalmar län": 12, "Gotlands län": 1,
    "Blekinge län": 5, "Skåne län": 33, "Hallands län": 6, "Västra Götalands län": 49,
    "Värmlands län": 16, "Örebro län": 12, "Västmanlands län": 10, "Dalarnas län": 15,
    "Gävleborgs län": 10, "Västernorrlands län": 7, "Jämtlands län": 8,
    "Västerbottens län": 15, "Norrbottens län": 14,
}  # fmt: skip


def test_data_file_has_all_290_kommuner_in_21_lan():
    kommuner = all_kommuner()
    assert len(kommuner) == 290
    assert Counter(kommuner.values()) == EXPECTED_PER_LAN
    assert kommuner["Malå"] == "Västerbottens län"
    assert kommuner["Upplands Väsby"] == "Stockholms län"
    assert kommuner["Malung-Sälen"] == "Dalarnas län"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Malås företag växer", ["Malå"]),
        ("Malå kommun medfinansierar", ["Malå"]),
        ("Östersunds kommun har deltagit", ["Östersund"]),
        ("ett framtida Norsjö och företagen i Norsjö", ["Norsjö"]),
        ("Företagen i Örnsköldsviks kommun", ["Örnsköldsvik"]),
        ("Tillsammans med Orsa och Älvdalens kommuner har Mora", ["Orsa", "Älvdalen", "Mora"]),
        ("Industriellt Utvecklingscentrum i Kalmar AB", ["Kalmar"]),
        ("Falu kommun och Upplands-Bro", ["Falun", "Upplands-Bro"]),
    ],
)
def test_find_kommuner_inflected_forms(text, expected):
    assert find_kommuner(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Malåbygden och Norsjöborna",  # compounds are not the place itself
        "SHiMR är ett projekt inom Region 10 och Region 8",
        "Tillväxtverket och Tillväxtverkets logotyp",
        "Anna Berg och Nora Lund skrev om Mark Andersson",  # people, not places
        "Vara med och påverka! Ale Svensson",
        "Dorotea Johansson ringde",
    ],
)
def test_find_kommuner_avoids_false_positives(text):
    assert find_kommuner(text) == []


def test_ambiguous_names_count_in_place_context():
    assert find_kommuner("Marks kommun och Vara kommun") == ["Mark", "Vara"]
    assert find_kommuner("Vi har kontor i Lund") == ["Lund"]
    text = "kommunerna Arjeplog, Arvidsjaur, Dorotea, Lycksele, Malå, Norsjö, Vilhelmina, Åsele"
    assert find_kommuner(text) == [
        "Arjeplog", "Arvidsjaur", "Dorotea", "Lycksele", "Malå", "Norsjö", "Vilhelmina", "Åsele"
    ]  # fmt: skip


def test_first_mention_order_without_duplicates():
    assert find_kommuner("Lycksele, Malå och Lycksele kommun, Malås") == ["Lycksele", "Malå"]


def test_find_lan_forms():
    assert find_lan("Västerbotten och Västerbottens län") == ["Västerbottens län"]
    assert find_lan("Region Västerbotten, Region Norrbotten") == [
        "Västerbottens län",
        "Norrbottens län",
    ]
    assert find_lan("Länsstyrelsen i Västernorrland") == ["Västernorrlands län"]
    assert find_lan("i samarbete med Region Jämtland Härjedalen") == ["Jämtlands län"]
    assert find_lan("Region 10") == []


def test_jamtland_och_harjedalen_is_a_region_not_harjedalens_kommun():
    text = "elever i Jämtland och Härjedalen"
    assert find_kommuner(text) == []
    assert find_lan(text) == ["Jämtlands län"]
    assert find_kommuner("Härjedalens kommun") == ["Härjedalen"]


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("Mala", "Malå"),
        ("Ostersund", "Östersund"),
        ("ornskoldsvik", "Örnsköldsvik"),
        ("Malå kommun", "Malå"),
        ("Östersunds kommun", "Östersund"),
        ("  NORSJÖ ", "Norsjö"),
        ("upplands vasby", "Upplands Väsby"),
        ("Stockholms stad", "Stockholm"),
        ("Västerbotten", "Västerbottens län"),
        ("vasterbottens lan", "Västerbottens län"),
        ("Region Västerbotten", "Västerbottens län"),
        ("Habo", "Habo"),
        ("Håbo", "Håbo"),
        ("Atlantis", None),
    ],
)
def test_normalize_place(typed, canonical):
    assert normalize_place(typed) == canonical


def test_lan_of_and_kommuner_in_lan():
    assert lan_of("Malå") == "Västerbottens län"
    assert lan_of("ornskoldsvik") == "Västernorrlands län"
    assert lan_of("Atlantis") is None
    assert "Malå" in kommuner_in_lan("Västerbotten")
    assert len(kommuner_in_lan("Västerbottens län")) == 15
    assert len(kommuner_in_lan("Kalmar")) == 12
    assert kommuner_in_lan("Atlantis") == []


def test_localities_map_to_their_kommun_and_passing_mentions_are_left_out():
    from stodkollen.places import all_kommuner, localities, record_kommuner

    assert all(k in all_kommuner() for k in localities().values())
    assert not set(localities()) & set(all_kommuner())  # a kommun's own name is no locality
    assert record_kommuner("Lansjärvs Byaförening söker stöd.") == ["Överkalix"]
    text = "Lägret hålls i Ammarnäs. Upplägget är inspirerat av ett projekt i Umeå."
    assert record_kommuner(text) == ["Sorsele"]
    # named in passing and for real: kept
    assert record_kommuner("Det drivs i Umeå. Idén kommer från ett studiebesök i Umeå.") == ["Umeå"]
