"""Glossaries for the `term` check: CSV (`source,target`, or TICO-19's language columns) and TBX.

What Xbench and Verifika users keep: a list of source terms with the translation a client
requires. A glossary is read into (source term, required target term) pairs in the
direction of the pair being checked, so that TICO-19's English→Arabic
`terminology.en-ar.csv` (columns sourceLang, targetLang, sourceString, targetString)
serves an Arabic→English check. Bad rows name the file and line and what was expected;
an empty glossary is an error too, since a check that silently checks nothing misleads.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from transalign.errors import InputError

Terms = tuple[tuple[str, str], ...]
_TICO_COLUMNS = {"sourcelang", "targetlang", "sourcestring", "targetstring"}


def read_glossary(path: Path, source_lang: str = "ar", target_lang: str = "en") -> Terms:
    """(source term, target term) pairs of a glossary file, in the direction source_lang→target_lang."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(str(path), f"cannot read the glossary: {error.strerror or error}") from None
    if path.suffix.lower() == ".tbx":
        return _tbx(path, source_lang, target_lang)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(path.name, "the glossary is not UTF-8", line=line, expected="a UTF-8 CSV file") from None
    return parse_csv(text, path.name, source_lang, target_lang)


def parse_csv(text: str, name: str, source_lang: str = "ar", target_lang: str = "en") -> Terms:
    """Rows `source,target` (a header row naming them is skipped), or TICO-19's layout with
    sourceLang/targetLang columns, read the way round the pair needs."""
    rows = list(csv.reader(io.StringIO(text)))
    header = [cell.strip().lower() for cell in rows[0]] if rows else []
    terms: list[tuple[str, str]] = []
    if _TICO_COLUMNS <= set(header):
        column = {name: header.index(name) for name in _TICO_COLUMNS}
        for line, row in enumerate(rows[1:], start=2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) < len(header):
                raise InputError(name, f"{len(row)} columns", line=line, expected=f"{len(header)} columns as in the header")
            langs = (_lang(row[column["sourcelang"]]), _lang(row[column["targetlang"]]))
            strings = (row[column["sourcestring"]].strip(), row[column["targetstring"]].strip())
            if langs == (source_lang, target_lang):
                terms.append(_term(strings, name, line))
            elif langs == (target_lang, source_lang):
                terms.append(_term(strings[::-1], name, line))
            else:
                raise InputError(name, f"languages {'/'.join(langs)}", line=line, expected=f"{source_lang} and {target_lang}")
    else:
        start = 1 if header[:2] in (["source", "target"], [source_lang, target_lang]) else 0
        for line, row in enumerate(rows[start:], start=start + 1):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != 2:
                raise InputError(name, f"{len(row)} columns", line=line, expected="two columns: source term, target term")
            terms.append(_term((row[0].strip(), row[1].strip()), name, line))
    if not terms:
        raise InputError(name, "no terms in the glossary", expected="rows of source term, target term")
    return tuple(terms)


def _term(pair: tuple[str, str], name: str, line: int) -> tuple[str, str]:
    if not pair[0] or not pair[1]:
        raise InputError(name, "an empty term", line=line, expected="a source term and a target term")
    return pair


def _lang(code: str) -> str:
    """`ar_AR`, `en-US` -> `ar`, `en`."""
    return code.strip().replace("-", "_").split("_")[0].lower()


def _tbx(path: Path, source_lang: str, target_lang: str) -> Terms:
    """TBX (TBX-Basic included) through translate-toolkit's reader: each concept's first
    term in each language."""
    from translate.storage import tbx

    try:
        store = tbx.tbxfile.parsefile(str(path))
    except Exception as error:  # lxml's syntax errors and the toolkit's own: both mean a bad file
        line = getattr(error, "lineno", None)
        raise InputError(path.name, f"not a readable TBX file ({error})", line=line, expected="TBX (ISO 30042) XML") from None
    terms = []
    for unit in store.units:
        source, target = _tbx_term(unit, source_lang), _tbx_term(unit, target_lang)
        if source and target:
            terms.append((source, target))
    if not terms:
        raise InputError(path.name, f"no concept with both an {source_lang} and an {target_lang} term", expected="termEntry elements with a langSet per language")
    return tuple(terms)


def _tbx_term(unit, lang: str) -> str:
    """The first term of a TBX concept in `lang` (langSet xml:lang), if any."""
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for lang_set in unit.xmlelement.iter():
        if isinstance(lang_set.tag, str) and lang_set.tag.endswith("langSet") and _lang(lang_set.get(xml_lang, "")) == lang:
            for term in lang_set.iter():
                if isinstance(term.tag, str) and term.tag.endswith("term") and (term.text or "").strip():
                    return term.text.strip()
    return ""
