"""Swedish text, written once: folding, index terms (stopwords, Snowball stemming) and sentences.

Folding before stemming makes "Mala", "Ostersund" and "projektagare" meet "Malå", "Östersund"
and "projektägare". Sentences come from NLTK's Swedish Punkt model (its data ships inside
llama-index-core) taught the abbreviations Swedish public pages use, so "bl.a.", "ca.",
"jan." and "t.o.m." do not end a sentence.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import types
import unicodedata
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

_TOKEN = re.compile(r"\w+", re.UNICODE)

# Words that shape a question but say nothing about its topic (Swedish and English).
_QUESTION_WORDS = """
finns fanns vad vilka vilken vilket hur vem vems när var kan kunde ska skulle får ni jag mig
om det den de och eller är gör görs gjorde gjort händer hände ingår ingick många mycket
how many much what who whom whose which when where why does did do has have had is are was
were can could would should will the a an of in on for to about there any some""".split()

# Abbreviations Punkt's Swedish model lacks (stored as Punkt does: lower case, no final dot).
ABBREVIATIONS = frozenset(
    """ca cirka jan feb febr mar apr jun jul aug sep sept okt nov dec enl inkl exkl tel tfn
    nr st kl bl.a fr.o.m t.o.m t.ex m.m m.fl dvs d.v.s o.s.v osv s.k p.g.a pga ev resp jfr
    obs mkr tkr kr milj mnkr avd adr ang""".split()
)


class _FoldTable(dict):
    """str.translate table, filled on first sight of a character: its NFKD decomposition
    without combining marks. Decomposing character by character equals decomposing the whole
    text here, as only the combining marks NFKD would reorder are dropped."""

    def __missing__(self, code: int) -> str:
        nfkd = unicodedata.normalize("NFKD", chr(code))
        out = self[code] = "".join(ch for ch in nfkd if not unicodedata.combining(ch))
        return out


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lowercase and strip diacritics (å -> a, ö -> o, é -> e)."""
    # Lowercased as a whole first: a final sigma depends on the letters around it.
    low = text.lower()
    return low if low.isascii() else low.translate(_FOLD)


def words(text: str) -> list[str]:
    """The folded words of a text, in order (for phrase matching such as project titles)."""
    return _TOKEN.findall(fold(text))


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("swedish")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN, STOPWORDS_SWEDISH

    return frozenset(fold(w) for w in (*STOPWORDS_SWEDISH, *STOPWORDS_EN, *_QUESTION_WORDS))


TITLE_HEAD_WORDS = 2  # how questions name a project: by the first words of its title


def title_head(title: str) -> str:
    """A project's title as a question would name it: its first words, folded."""
    return " ".join(words(title)[:TITLE_HEAD_WORDS])


def as_phrase(text: str) -> str:
    """A text's folded words between spaces, for `holds_phrase` (fold once, test many)."""
    return f" {' '.join(words(text))} "


def holds_phrase(folded: str, phrase: str) -> bool:
    """Does a text folded by `as_phrase` hold this folded phrase as whole words?"""
    return bool(phrase) and f" {phrase} " in folded


def terms(text: str) -> list[str]:
    """Index terms: folded, stopwords removed, Swedish-stemmed."""
    stop = stopwords()
    kept = [w for w in _TOKEN.findall(fold(text)) if w not in stop and len(w) > 1]
    return _stemmer().stemWords(kept)


# Swedish compounds put the head last ("företagsrådgivning" is a kind of "rådgivning"), so a
# compound the corpus never spells out still counts as known when its head is. Parts shorter
# than these are suffixes or linking letters, not words ("s", "ar", "het").
MIN_COMPOUND_HEAD = 3
MIN_COMPOUND_TAIL = 5


def known_term(term: str, vocabulary) -> bool:
    """Is this index term, or the head word of this compound term, in the vocabulary?"""
    if term in vocabulary:
        return True
    return any(
        term[i:] in vocabulary for i in range(MIN_COMPOUND_HEAD, len(term) - MIN_COMPOUND_TAIL + 1)
    )


@lru_cache(maxsize=1)
def place_terms() -> frozenset[str]:
    """Index terms of every kommun and län name: places are judged by the place logic."""
    from stodkollen.places import all_kommuner

    names = set(all_kommuner()) | set(all_kommuner().values())
    return frozenset(t for name in names for t in terms(name)) - {"lan", "kommun"}


def _punkt_dir() -> Path:
    spec = importlib.util.find_spec("llama_index.core")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("llama-index-core saknas: dess NLTK-data behövs för meningsdelning")
    return Path(spec.submodule_search_locations[0]) / "_static" / "nltk_cache"


class _ModelDir:
    """The one method of nltk's path pointers that `load_punkt_params` uses."""

    def __init__(self, path: Path):
        self.path = path

    def join(self, name: str) -> Path:
        return self.path / name


# Packages whose __init__ imports what Punkt does not need: `import nltk` alone imports its
# parsers, chunkers and scipy.stats, 1.4-2.6 s of a 5 s one-shot question on two shared cores.
_HEAVY_INITS = ("nltk", "nltk.tokenize")


@contextmanager
def _light_nltk():
    """Inside, nltk's modules import without nltk's and nltk.tokenize's package __init__ when
    nltk is not imported yet: empty stand-ins for the two packages are registered, and on the
    way out everything loaded under them leaves `sys.modules` again (the objects made inside
    keep working), so a later `import nltk` (llama-index at ingest) is whole and normal."""
    if "nltk" in sys.modules:
        yield
        return
    root = Path(importlib.util.find_spec("nltk").submodule_search_locations[0])
    before = set(sys.modules)
    try:
        for name in _HEAVY_INITS:
            stand_in = types.ModuleType(name)
            stand_in.__path__ = [str(root.joinpath(*name.split(".")[1:]))]
            sys.modules[name] = stand_in
        yield
    finally:
        for name in set(sys.modules) - before:
            if name == "nltk" or name.startswith("nltk."):
                del sys.modules[name]


@lru_cache(maxsize=1)
def _punkt():
    with _light_nltk():
        from nltk.tokenize.punkt import PunktSentenceTokenizer, load_punkt_params

        tokenizer = PunktSentenceTokenizer()
        tokenizer._params = load_punkt_params(
            _ModelDir(_punkt_dir() / "tokenizers" / "punkt_tab" / "swedish")
        )
    tokenizer._params.abbrev_types.update(ABBREVIATIONS)
    return tokenizer


def sentences(text: str) -> list[str]:
    """Sentences of one paragraph or line, whitespace collapsed."""
    text = " ".join(text.split())
    if not text:
        return []
    return [s for s in _punkt().tokenize(text) if s]


def sentence_pieces(text: str) -> list[str]:
    """Sentences with their original whitespace kept: the pieces join back into `text`
    (what llama-index's SentenceSplitter expects of its sentence tokenizer)."""
    starts = [start for start, _end in _punkt().span_tokenize(text)]
    if not starts:
        return [text] if text else []
    starts[0] = 0
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
