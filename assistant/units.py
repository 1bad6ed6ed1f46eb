"""Answer units (sentences, and lists kept whole), their scoring against a question, citing."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.answer_types import AMOUNT, TIME, expected_types, unit_has
from stodkollen.records import Source
from stodkollen.text import place_terms, sentences, terms

_BULLET = re.compile(r"^\s*[•\-–*]\s+")
MAX_LIST_ITEMS = 8
# A bullet longer than this is a paragraph that happens to start with a dash.
MAX_ITEM_WORDS = 40
_BRACKETED_NUMBER = re.compile(r"\[(\d+)\]")


def _clean(unit: str) -> str:
    return re.sub(r"\s+", " ", unit).strip()


def _joined_lines(text: str) -> list[tuple[str, bool]]:
    """(line, joined): a question heading or a bare label joined to the line that answers it
    ("Hur mycket kan man få?" + "Högst 50 000 kr.", "Budget:" + "2,4 Mkr") is one unit."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    out: list[tuple[str, bool]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        asks = line.endswith("?") or (line.endswith(":") and len(line.split()) <= LABEL_WORDS)
        if nxt and asks and not nxt.endswith("?") and not _BULLET.match(nxt):
            out.append((f"{line} {nxt}", True))
            i += 2
            continue
        out.append((line, False))
        i += 1
    return out


def _is_item(line: str) -> bool:
    """A bullet item; a long dash-led paragraph (a quote, a new paragraph) is prose."""
    return bool(_BULLET.match(line)) and len(line.split()) <= MAX_ITEM_WORDS


def _short(line: str) -> bool:
    return not _BULLET.match(line) and not _quotable(line)


def units(text: str) -> list[str]:
    """Sentences, with a list kept whole: an intro line and its bullet items form one unit,
    and so does a run of short lines under a heading (opening hours, a phone list); a
    question heading or label stays with its answer."""
    out: list[str] = []
    intro: str | None = None
    items: list[str] = []

    def close() -> None:
        nonlocal intro, items
        said = sentences(intro) if intro else []
        if len(items) == 1 and said and said[-1].rstrip().endswith((".", "!", "?")):
            # A finished sentence and one bullet: two statements, not an intro and its list
            # (joined, they make one long unit that buries the bullet's answer).
            out.extend(said)
            out.append(_clean(items[0]))
        elif items:
            # Only the sentence right before the bullets introduces them.
            head = said.pop().rstrip(".:; ") + ": " if said else ""
            out.extend(said)
            out.append(_clean(head + "; ".join(items[:MAX_LIST_ITEMS])))
        else:
            out.extend(said)
        intro, items = None, []

    lines = _joined_lines(text)
    short = [not joined and _short(line) for line, joined in lines]
    for i, (line, joined) in enumerate(lines):
        if joined:
            close()
            out.append(_clean(line))
            continue
        if _is_item(line):
            items.append(_BULLET.sub("", line).strip().rstrip("."))
            continue
        line = _BULLET.sub("", line)
        before = i > 0 and short[i - 1]
        after = i + 1 < len(lines) and (short[i + 1] or bool(_BULLET.match(lines[i + 1][0])))
        if short[i] and before:  # inside a run of short lines: an item of its heading
            items.append(line.rstrip("."))
            continue
        close()
        intro = line
        if short[i] and not after and not _states_a_value(line):
            intro = None  # a lone short line says nothing on its own
    close()
    atomic = {_clean(line) for line, joined in lines if joined}
    return [
        u
        for u in out
        if _quotable(u) or (len(u) >= MIN_UNIT_CHARS and (u in atomic or _states_a_value(u)))
    ]


def _states_a_value(unit: str) -> bool:
    """A short line that is a fact by itself ("3,4 miljoner kr", "maj 2024 – juni 2026"): a
    card's amount or period, though it has too few words to be a sentence."""
    return unit_has(unit, AMOUNT) or unit_has(unit, TIME)


# A unit shorter than this says nothing on its own ("Kontakt:", "Läs mer här").
MIN_UNIT_CHARS = 12
MIN_UNIT_WORDS = 3
# A line ending in ":" with at most this many words is a label whose value is the next line.
LABEL_WORDS = 4


def _quotable(unit: str) -> bool:
    return len(unit) >= MIN_UNIT_CHARS and len(re.findall(r"\w{2,}", unit)) >= MIN_UNIT_WORDS


_METADATA_LINE = re.compile(
    r"^(projektägare|projekttid|projektperiod|aktuell projektperiod|finansiär|finansiering|"
    r"medfinansiär|kontakt|tfn|telefon|e-post|dnr|diarienummer)",
    re.IGNORECASE,
)
# "Total budget: 780 000 kr", "Ägare: Växjö kommun": a short label, a colon and a short value.
_LABEL_VALUE = re.compile(r"^[\w\s-]{2,30}:\s")
# A label-value unit longer than this is a sentence that happens to open with a label.
LABEL_VALUE_WORDS = 10


# A unit this short without a full stop is a heading or a caption ("BESLUT – Din ansökan om
# projektstöd"), not a statement.
HEADING_WORDS = 8


def is_fragment(unit: str) -> bool:
    """A unit that says nothing alone: a lead-in that ends where its content would start
    ("kontakta enheten och medarbetare i projektet:"), or a heading."""
    text = unit.rstrip()
    if text.endswith(":"):
        return True
    return len(text.split()) <= HEADING_WORDS and not re.search(r"[.!?]$", text)


def is_metadata_unit(unit: str) -> bool:
    """A "Projektägare: … Projekttid: …" style line: facts, but no description."""
    if _METADATA_LINE.match(unit):
        return True
    label = _LABEL_VALUE.match(unit)
    return bool(
        label
        and len(label.group(0).split()) <= LABEL_WORDS
        and len(unit.split()) <= LABEL_VALUE_WORDS
    )


def is_list_unit(unit: str) -> bool:
    """A unit built from an intro and bullet items (see `units`)."""
    return ": " in unit and unit.count("; ") >= 1


Weight = Callable[[str], float]
# texts -> a score per text for how close its meaning is to the question (0 = least close)
Closeness = Callable[[list[str]], list[float]]


def _related(q: str, u: str) -> bool:
    """Compound or leftover inflection: "foretag" in "nyforetagarcentrum", "syftet" ~ "syft"."""
    if len(q) >= 5 and q in u:
        return True
    return len(u) >= 4 and q.startswith(u) and len(q) - len(u) <= 3


def term_overlap(question_terms: set[str], unit: str, weight: Weight | None = None) -> float:
    """Weighted share of the question's terms found in the unit (compounds count: a term of
    five or more letters matches inside a longer word, as in "företag" in "Nyföretagarcentrum")."""
    if not question_terms:
        return 0.0
    w = weight or (lambda _t: 1.0)
    unit_terms = set(terms(unit))
    found = 0.0
    for t in question_terms:
        if t in unit_terms or any(_related(t, u) for u in unit_terms):
            found += w(t)
    return found / sum(w(t) for t in question_terms)


@dataclass(frozen=True)
class UnitScoring:
    """How units are ranked: term overlap plus priors (see AnswerSettings for the reasons)."""

    rank_prior: float
    first_unit_prior: float
    min_unit_score: float
    type_bonus: float = 0.0
    expects: frozenset[str] = frozenset()  # answer types the question asks for
    max_words: int = 0  # length budget of the picked units together (0: none)

    @classmethod
    def from_settings(cls, answer, question: str = "") -> UnitScoring:
        return cls(
            answer.rank_prior,
            answer.first_unit_prior,
            answer.min_unit_score,
            answer.answer_type_bonus,
            expected_types(question) if question else frozenset(),
            answer.max_answer_words,
        )

    def bonus(self, unit: str) -> float:
        return self.type_bonus if any(unit_has(unit, t) for t in self.expects) else 0.0


def best_sentences(
    question: str,
    sources: list[Source],
    limit: int,
    scoring: UnitScoring,
    weight: Weight | None = None,
    prose_only: bool = False,
    closeness: Closeness | None = None,
    max_unit_words: int = 0,
    topic: frozenset[str] | None = None,
) -> list[tuple[Source, str]]:
    """The units that best cover the question; earlier sources win ties.

    A unit scores by its share of the question's terms (stemmed, compound-aware), a bonus when
    it holds the kind of thing asked for, priors for early sources, and, given `closeness`,
    how near its meaning is to the question's (so a paraphrase still finds it). `topic`, when
    given, replaces the question's terms (e.g. without the name of the project it asks about).
    """
    q = set(terms(question) if topic is None else topic) - place_terms()
    cands = [
        (rank, pos, src, unit)
        for rank, src in enumerate(sources)
        for pos, unit in enumerate(units(src.text))
        if not (prose_only and (is_metadata_unit(unit) or is_fragment(unit)))
        and not (max_unit_words and len(unit.split()) > max_unit_words)
    ]
    near = closeness([c[3] for c in cands]) if closeness and cands else [0.0] * len(cands)
    scored = []
    for (rank, pos, src, unit), meaning in zip(cands, near, strict=True):
        overlap = term_overlap(q, unit, weight) + scoring.bonus(unit) + meaning
        prior = scoring.rank_prior / (1 + rank) + (scoring.first_unit_prior if pos == 0 else 0)
        scored.append((overlap + prior, rank, pos, src, unit))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    picked: list[tuple[int, int, Source, str]] = []
    seen: set[str] = set()
    words = 0
    for score, rank, pos, src, unit in scored:
        key = unit.lower()
        if key in seen:
            continue
        if picked and score < scoring.min_unit_score:
            break
        n = len(unit.split())
        if picked and scoring.max_words and words + n > scoring.max_words:
            continue  # the best units that fit the length budget, not the first ones
        seen.add(key)
        picked.append((rank, pos, src, unit))
        words += n
        if len(picked) >= limit:
            break
    # The best unit first (it answers; a length budget must not hold it back), the rest in
    # reading order: by source, then position.
    picked[1:] = sorted(picked[1:], key=lambda p: (p[0], p[1]))
    return [(src, unit) for _r, _p, src, unit in picked]


# A list unit longer than this (words) is cut to its intro and the item that answers, where
# the question is not itself a list question: the answer stays short.
FOCUS_WORDS = 40


# Words that make a name a place ("Östersunds kommun", "Region Västerbotten"), folded and
# stemmed like index terms.
_PLACE_WORDS = frozenset(terms("kommun kommunen län region regionen"))


def focused(unit: str, question_terms: set[str], weight: Weight | None = None) -> str:
    """A long list unit cut to its intro and its best item (most of the question's terms,
    the first on a tie); a list none of whose items shares a term with the question, and any
    other unit, as it is."""
    if not is_list_unit(unit) or len(unit.split()) <= FOCUS_WORDS:
        return unit
    head, _, rest = unit.partition(": ")
    items = [i for i in rest.split("; ") if i.strip()]
    if len(items) < 2:
        return unit
    # The place ("Östersunds kommun") is the whole list's, not an item's.
    asked = set(question_terms) - place_terms() - _PLACE_WORDS
    overlap = [term_overlap(asked, i, weight) for i in items]
    if not max(overlap):
        return unit  # no item answers more than the others: the question asks for the list
    best = max(range(len(items)), key=lambda n: (overlap[n], -n))
    return f"{head}: {items[best]}"


def cite(pairs: list[tuple[Source, str]]) -> str:
    """Join sentences, each followed by its citation; remember what each source contributed."""
    parts = []
    for src, sent in pairs:
        # A document cannot forge citations: "[2]" inside quoted text becomes "(2)".
        sent = _BRACKETED_NUMBER.sub(r"(\1)", sent.rstrip())
        if not sent.endswith((".", "!", "?", ":")):
            sent += "."
        parts.append(f"{sent} [{src.n}]")
        src.cited_sentences.append(sent)
    return " ".join(parts)


_CITED_PART = re.compile(r".+?\[\d+\](?=\s|$)", re.DOTALL)


def within_budget(text: str, max_words: int) -> tuple[str, str | None]:
    """(shown, held back): whole cited sentences or list lines up to about max_words words;
    the first part is always shown, so an answer is never cut to nothing."""
    parts = [p.strip() for p in _CITED_PART.findall(text)]
    if not parts or re.sub(r"\s", "", "".join(parts)) != re.sub(r"\s", "", text):
        parts = [text]  # not a plain cited answer (e.g. a generated one): leave it whole
    shown, count = [], 0
    for part in parts:
        n = len(part.split())
        if shown and count + n > max_words:
            break
        shown.append(part)
        count += n
    rest = parts[len(shown) :]
    joiner = "\n" if "\n" in text else " "
    return joiner.join(shown), (joiner.join(rest) or None)
