"""The one place for configuration: every entry point builds an `Options` and passes it down."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Options:
    source_lang: str = "ar"
    target_lang: str = "en"
    segmented: bool = False  # inputs hold one segment per line (txt) instead of free text
    encoding: str | None = None  # override encoding detection for file inputs
    dictionary: str | None = None  # path to a dictd .index file; None: the installed FreeDict, if any
    use_dictionary: bool = True  # False: no lexical evidence at all (dictionary nor learned lexicon)
    learned_lexicon: str | tuple[str, ...] | None = None  # lexicon(s) learned from parallel text (models/build_lexicon.py); None: the built defaults, if any
    model: str | None = None  # translation model id or path; None: the registry default
    engine: str = "auto"  # auto | transformers | ct2
    use_model: bool = True  # False: align and check without a machine rendering
    exclude_isnad: bool = False  # hadith text (--hadith): the chain of narrators is aligned with its hadith and not checked for omissions (service/transalign/profiles/hadith.py)
    glossary: tuple[tuple[str, str], ...] = ()  # (source term, required target term) pairs for the `term` check (formats/glossary.py)
    band: int = 12  # half-width, in segments, of the search band around the coarse path
    track_sync: bool = True  # two subtitle tracks: estimate the translation's clock against the source's and realign on it (align/sync.py)

    @property
    def profile(self) -> str:
        """The kind of text (service/transalign/profiles): hadith with --hadith, news otherwise."""
        return "hadith" if self.exclude_isnad else "news"
