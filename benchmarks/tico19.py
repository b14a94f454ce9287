"""TICO-19: modern Arabic–English parallel text for the news benchmarks (CC0).

3,071 English sentences in 31 documents (PubMed abstracts, Wikipedia, Wikinews,
Wikivoyage, Wikisource, a medical phrase list) with a professional Modern Standard Arabic
translation, shipped in `benchmarks/data/tico19/` with the licence and the 306-term
glossary. Documents and sentence order are rebuilt from the TMX `tuid` (`DOCUMENT:N`).

The documents are split once, here, into a tuning half and a held-out half (balanced by
kind of document and by sentence count), so that every benchmark tunes and reports on the
same halves: rules are tuned on `TUNE` only; the figures we claim come from `HELD_OUT`.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

DATA = Path(__file__).resolve().parent / "data" / "tico19"
TMX = DATA / "all.en-ar.tmx.zip"
GLOSSARY = DATA / "terminology.en-ar.csv"

TUNE = (
    "CMU_1", "PubMed_7", "PubMed_10", "Wikinews_1", "Wikinews_2", "Wikinews_3",
    "Wikipedia_handpicked_3", "Wikipedia_handpicked_4", "Wikipedia_handpicked_5",
    "Wikipedia_handpicked_7", "Wikisource_1", "wiki_7", "wiki_9", "wiki_11", "wiki_29",
)  # 1,442 sentences
HELD_OUT = (
    "PubMed_6", "PubMed_8", "PubMed_9", "PubMed_11", "Wikinews_4", "Wikinews_5", "Wikinews_6",
    "Wikipedia_handpicked_1", "Wikisource_2", "Wikivoyage_1", "wiki_4", "wiki_5", "wiki_10",
    "wiki_13", "wiki_20", "wiki_26",
)  # 1,629 sentences
HALVES = {"tune": TUNE, "held-out": HELD_OUT}

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class SentencePair:
    document: str
    number: int  # the TMX running number: orders the sentences of a document
    arabic: str
    english: str


@dataclass(frozen=True)
class TicoDocument:
    name: str
    pairs: tuple[SentencePair, ...]


def load_documents(half: str | None = None) -> list[TicoDocument]:
    """The documents of one half ("tune" or "held-out"), or all of them, in a fixed order."""
    by_document: dict[str, list[SentencePair]] = {}
    with zipfile.ZipFile(TMX) as archive, archive.open("all.en-ar.tmx") as tmx:
        for tu in ElementTree.parse(tmx).getroot().iter("tu"):
            document, number = tu.get("tuid", "").rsplit(":", 1)
            texts = {tuv.get(_XML_LANG): " ".join("".join(tuv.find("seg").itertext()).split()) for tuv in tu.iter("tuv")}
            if texts.get("ar") and texts.get("en"):
                by_document.setdefault(document, []).append(SentencePair(document, int(number), texts["ar"], texts["en"]))
    names = HALVES[half] if half else TUNE + HELD_OUT
    return [TicoDocument(name, tuple(sorted(by_document[name], key=lambda p: p.number))) for name in names]
