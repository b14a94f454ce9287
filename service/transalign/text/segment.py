"""Sentence splitting, and the mapping between sentences and the cues or lines they came from.

Hand-written rather than pysbd (the maintained-looking choice): pysbd 0.3.4 (last
released 2021) splits Arabic at the Arabic comma ، and at every colon, and its running
time grows quadratically with the length of a paragraph (170,000 characters of joined
subtitles took over 20 s), while a day of broadcast is one long run of cues. The rules
below are few, linear in the text, and the same machinery serves every language.

Rules, in order:

1. A sentence ends after terminal punctuation (. ! ? ؟ … ۔ and runs of them) and any
   closing quotes or brackets after it, when whitespace or the end of text follows;
   ؟ ends a sentence even when the next word follows without a space. The Arabic
   comma ، and semicolon ؛ never end one.
2. Not after a period that follows a title or abbreviation (Mr. Dr. St. e.g. i.e.), a
   single letter (J. Smith, د. محمد); nor after dotted acronyms or abbreviations that
   may end a sentence (U.S., etc., Jan., a.m.) unless the next word is a common sentence
   opener (The, He, But ...); nor when the next word starts with a lowercase letter
   (ellipses and quoted questions inside a sentence), unless the mark is a bare ? or ؟
   (no closing quote, no run of marks): lower-case speech ("… a runny nose? and are you …"). Decimal numbers and 1,000 have no
   space after the point and never qualify.
3. A blank line always ends a sentence; a single line break does too (transcripts put one
   utterance on a line) unless the next line starts with a lowercase letter, which is a
   hard-wrapped continuation.
4. A speaker label at the start of a line or cue — a few words ending in ':' followed by
   speech, e.g. "Mohammed al-Mashali, member of …: " — is a sentence of its own. A cue that
   starts in the middle of a punctuated sentence starts no label ("… dysfunctions. Major |
   clinical symptoms: Chest …" kept "Major" apart); the colon still ends what it introduces.
5. A run longer than MAX_SENTENCE characters that punctuation did not end (transcripts
   without punctuation), or one longer than MAX_PUNCTUATED that it did, is cut, from its start on, before the first discourse marker (وقال، وأضاف، كما، ثم، لكن،
   بينما …; but/however/while in English) that leaves at least MIN_PIECE characters; or
   failing that after the last clause mark (، ؛ , ;) or cue boundary within MAX_SENTENCE;
   or failing that at the last space. A long sentence that ends in a full stop is a
   translator's or writer's choice and kept whole up to MAX_PUNCTUATED characters.
6. In subtitle cues in cased (Latin) script, a sentence also ends without punctuation before a
   capitalized function word that opens sentences (The, It, To, We, On ...; _CASED_OPENERS)
   when the word before it is lower case or an acronym and no function word: headings,
   list items and captions without a full stop ("The origin and intermediate host It has
   been known ..."); after a capitalized word, the end of a Title Case heading, only before an
   article or pronoun (The, We, It, This ...; _TITLE_OPENERS: "… of the COVID-19 Infections The
   RCGP RSC practices …"), since a preposition there is as often the title's own ("Trump
   Declares COVID-19 National Emergency On Friday"). "published in The Lancet" and "until
   The Hague" do not qualify. Chosen on TICO-19's tuning half (`benchmarks/news_eval.py --half
   tune --mode srt`). Not in plain text: translations of religious text capitalize pronouns ("till
   He said") and leave stops out, and there a line is the unit anyway.
7. Unpunctuated text (speech-recognition output: no sentence-ending mark in
   UNPUNCTUATED_WORDS words or more) in Arabic script is also cut before each و/ف + reporting
   verb (وقال، وأضاف، وأشار، وتابع، وأكد، ودعا …) that leaves at least MIN_CLAUSE_WORDS words on
   both sides: in news speech such a verb opens a new sentence, while a bare marker such as
   لكن or كما often does not. `is_unpunctuated` tells the pipeline to say so in its notes.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from transalign.text.normalize import is_arabic_script
from transalign.types import Block, Document, Segment

MAX_SENTENCE = 300
MAX_PUNCTUATED = 1000
MIN_PIECE = 60
LABEL_MAX_WORDS = 12

_TERMINAL = re.compile(r"[.!?؟…۔]+[\"'”’»)\]}]*(?=\s|$)|؟(?=[^\s؟!?.\"'”’»)\]}])")
_TOKEN_BEFORE = re.compile(r"[^\s\"'“‘(\[«]*$")
_BARE_QUESTION = frozenset({"?", "؟"})  # a question mark with no closing quote or bracket, not a run ("?!", "??")
_NEXT_WORD = re.compile(r"\s*[\"'“‘(\[«]*(\w+)")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_LINE_BREAK = re.compile(r"[ \t]*\n\s*")
_LABEL = re.compile(r"([^\n.!?؟:]{2,160}?):[ \t]+(?=\S)")

# Never the last word of a sentence: titles and abbreviations followed by what they qualify.
_NEVER_END = {
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "col", "lt", "maj", "sgt",
    "capt", "cmdr", "adm", "gov", "sen", "rep", "rev", "hon", "pres", "mt", "ft", "fig",
    "vs", "v", "cf", "approx", "dept", "vol", "pp", "e.g", "i.e", "viz",
}
# Abbreviations that can end a sentence; they do only before a common sentence opener.
_MAY_END = {
    "etc", "inc", "ltd", "co", "corp", "bros", "no", "nos", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "a.m", "p.m",
}
_OPENERS = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these",
    "those", "there", "his", "her", "its", "their", "our", "but", "and", "so", "then",
    "however", "in", "on", "at", "as", "after", "before", "when", "while", "if", "for",
    "what", "who", "why", "how", "where", "yes", "meanwhile", "also", "according",
}
# Rule 6: capitalized words that open sentences and seldom stand capitalized inside one
# ("I" and "A" do: "vitamin A"; "He" does for God in religious text); and the words a sentence does not end on.
_CASED_OPENERS = frozenset(
    """The To We It On In At This These There Our Its Their She They Yesterday Today However After Before
    During While When If For As According Although Because Since Many Some Most All Each Every Other Several
    Such Both""".split()
)
_NOT_LAST = frozenset(
    """a an the of in on at to by for from with and or nor but as than that which who whom whose is are was were
    be been being has have had do does did will would shall should can could may might must not no its their his
    her our your my this these those such into onto upon over under about after before between during within
    without against among per via said says say told including like unlike throughout across through toward towards
    near around along beyond behind inside outside until since""".split()
)
# After a capitalized word (a Title Case heading's last), only these openers end a sentence: a
# preposition there ("… Workers During COVID-19 Response") is as often part of the title.
_TITLE_OPENERS = frozenset("The We It This These They There Our Its Their She".split())
_CASED_BREAK = re.compile(r"(?<!\S)(\S+)[ \t]+(?=([A-Z][a-z]*)(?=[\s,;:]|$))")
_TITLE_END = re.compile(r"[A-Z][a-z][\w\-]*")
_LOWER_END = re.compile(r"[\"“(]?[a-z0-9][\w\-/'’]*[a-z0-9%)\"”]?")
_ACRONYM = re.compile(r"\(?[A-Z0-9][A-Z0-9\-/]+\)?")
_LIST_MARK = re.compile(r"\(?\d+[.)]")

_ARABIC_MARKERS = re.compile(
    r"(?<!\S)(?:[وف]?(?:قال|[أا]ضاف|[أا]كد|[أا]شار|[أا]وضح|تابع|لفت)(?:ت|وا)?"
    r"|و?كما|و?ثم|و?لكن|و?بينما|في حين|[إا]لا [أا]ن|غير [أا]ن|من جهت(?:ه|ها)|في المقابل)(?!\S)"
)
_LATIN_MARKERS = re.compile(r"(?<!\S)(?:but|however|meanwhile|while|whereas)\b", re.IGNORECASE)
_REPORTING_VERB = re.compile(
    r"(?<!\S)[وف](?:قال|[أا]ضاف|[أا]شار|تابع|[أا]كد|[أا]وضح|لفت|دعا|شدد|[اإ]عتبر|[أا]علن)(?:ت|وا)?(?!\S)"
)
UNPUNCTUATED_WORDS = 12
MIN_CLAUSE_WORDS = 4
_CLAUSE_MARK = re.compile(r"[،؛,;:]\s+")
_SPACE = re.compile(r"\s+")


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Character spans (start, end) of the sentences of `text`, trimmed of whitespace."""
    return _split(text, lang, starts=(), soft=())


@dataclass(frozen=True)
class _Joined:
    """Blocks' texts joined into one string, with each block's span in it."""

    text: str
    spans: tuple[tuple[int, int], ...]

    @property
    def starts(self) -> tuple[int, ...]:
        return tuple(start for start, _ in self.spans)


def segment_blocks(blocks: Sequence[Block], lang: str, *, segmented: bool) -> tuple[Segment, ...]:
    """Segments of a document's blocks: one per block, or sentences mapped back to blocks.

    Subtitle cues are joined with spaces (their line breaks too), text lines with their
    line breaks, so sentences may span cues and one cue may hold several sentences. A
    sentence's `blocks` are the ids of every block it overlaps; its time span runs from
    its first character to its last, interpolated by character position within the
    first and last cue: a sentence that starts mid-cue starts mid-way through the cue's
    time, which makes time-overlap alignment sharper than whole-cue times would.
    """
    if segmented:
        return tuple(_block_segment(index, block) for index, block in enumerate(blocks))
    joined = _join(blocks)
    timed = bool(blocks) and blocks[0].start is not None
    starts = joined.starts if timed else ()
    spans = _split(joined.text, lang, starts=starts, soft=starts, cased=timed)
    if is_unpunctuated(joined.text):
        spans = split_unpunctuated(joined.text, spans, lang)
    ends = [end for _, end in joined.spans]
    return tuple(_sentence_segment(index, span, joined, ends, blocks) for index, span in enumerate(spans))


def marked_boundary(before: str, after: str, lang: str) -> bool:
    """Whether two consecutive segments are apart at a mark of a sentence's end (rules 1 and 6),
    not only at a length limit, a speaker label or a line break."""
    if _TERMINAL.search(before.rstrip()[-4:]):
        return True
    last = before.split()[-1:] or [""]
    return not is_arabic_script(lang) and bool(_cased_cuts(f"{last[0]} {after.lstrip()}"))


def is_unpunctuated(text: str) -> bool:
    """A transcript with no sentence-ending mark at all over UNPUNCTUATED_WORDS words or more."""
    return len(text.split()) >= UNPUNCTUATED_WORDS and _TERMINAL.search(text) is None


def split_unpunctuated(text: str, spans: Sequence[tuple[int, int]], lang: str) -> list[tuple[int, int]]:
    """Rule 7: cut each span of unpunctuated Arabic-script text before its reporting verbs."""
    if not is_arabic_script(lang):
        return list(spans)
    pieces: list[tuple[int, int]] = []
    for start, end in spans:
        cuts = [start]
        for verb in _REPORTING_VERB.finditer(text, start, end):
            before = len(text[cuts[-1] : verb.start()].split())
            after = len(text[verb.start() : end].split())
            if before >= MIN_CLAUSE_WORDS and after >= MIN_CLAUSE_WORDS:
                cuts.append(verb.start())
        cuts.append(end)
        pieces.extend(span for a, b in zip(cuts, cuts[1:]) if (span := _trim(text, a, b)))
    return pieces


def segments_of_block(document: Document, block_id: int) -> list[int]:
    """Indices of the segments that hold text of block `block_id` (cue number or line)."""
    return [segment.index for segment in document.segments if block_id in segment.blocks]


def _block_segment(index: int, block: Block) -> Segment:
    return Segment(index, _one_line(block.text), (block.id,), block.start, block.end)


def _one_line(text: str) -> str:
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def _join(blocks: Sequence[Block]) -> _Joined:
    """Cues joined with a space; text lines with a line break, or a blank line where the file had one."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    offset = 0
    previous: Block | None = None
    for block in blocks:
        text = _one_line(block.text) if block.start is not None else block.text.strip()
        if previous is not None:
            separator = _separator(previous, block)
            parts.append(separator)
            offset += len(separator)
        parts.append(text)
        spans.append((offset, offset + len(text)))
        offset += len(text)
        previous = block
    return _Joined("".join(parts), tuple(spans))


def _separator(previous: Block, block: Block) -> str:
    if previous.start is not None:
        return " "
    next_line = previous.line + previous.text.strip().count("\n") + 1
    return "\n" if block.line <= next_line else "\n\n"


def _sentence_segment(
    index: int, span: tuple[int, int], joined: _Joined, ends: Sequence[int], blocks: Sequence[Block]
) -> Segment:
    """The segment for a sentence span; `ends` are the blocks' end offsets, for bisection."""
    start, end = span
    first = bisect.bisect_right(ends, start)
    last = bisect.bisect_left(ends, end)
    first, last = min(first, len(blocks) - 1), min(last, len(blocks) - 1)
    ids = tuple(block.id for block in blocks[first : last + 1])
    text = joined.text[start:end].replace("\n", " ")
    begin_time = _time_at(blocks[first], joined.spans[first], start)
    end_time = _time_at(blocks[last], joined.spans[last], end)
    return Segment(index, text, ids, begin_time, end_time)


def _time_at(block: Block, span: tuple[int, int], offset: int) -> float | None:
    """The time at character `offset`, interpolated within the block's time span."""
    if block.start is None or block.end is None:
        return None
    block_start, block_end = span
    share = (offset - block_start) / max(block_end - block_start, 1)
    share = min(max(share, 0.0), 1.0)
    return round(block.start + share * (block.end - block.start), 3)


def _split(text: str, lang: str, *, starts: Collection[int], soft: Sequence[int], cased: bool = False) -> list[tuple[int, int]]:
    """Sentence spans; `cased` (rule 6) applies to subtitle cues only."""
    cuts = set(_punctuation_cuts(text)) | set(_line_cuts(text)) | set(_label_cuts(text, starts))
    if cased and not is_arabic_script(lang):
        cuts |= set(_cased_cuts(text))
    bounds = [0, *sorted(cut for cut in cuts if 0 < cut < len(text)), len(text)]
    spans = []
    for start, end in zip(bounds, bounds[1:]):
        span = _trim(text, start, end)
        if span:
            spans.extend(_bound_length(text, span, lang, soft))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _punctuation_cuts(text: str) -> list[int]:
    return [match.end() for match in _TERMINAL.finditer(text) if _ends_sentence(text, match)]


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    next_word = _NEXT_WORD.match(text, match.end())
    if next_word and next_word.group(1)[0].islower():
        return match.group() in _BARE_QUESTION  # "…? and are you …": lower-case speech; '"Really?" she asked' is not
    if match.group().rstrip("\"'”’»)]}") != ".":
        return True
    token = _TOKEN_BEFORE.search(text, max(0, match.start() - 40), match.start()).group().rstrip(".")  # type: ignore[union-attr]  # matches the empty string
    lowered = token.lower()
    if lowered in _NEVER_END or (len(token) == 1 and token.isalpha()):
        return False
    if lowered in _MAY_END or _DOTTED.fullmatch(token):
        return next_word is not None and next_word.group(1).lower() in _OPENERS
    return True


def _line_cuts(text: str) -> list[int]:
    """Line breaks that end a sentence (rule 3)."""
    cuts = []
    for match in _LINE_BREAK.finditer(text):
        blank_line = match.group().count("\n") > 1
        continues = match.end() < len(text) and text[match.end()].islower()
        if blank_line or not continues:
            cuts.append(match.end())
    return cuts


def _cased_cuts(text: str) -> list[int]:
    """Sentence starts that only capitals mark (rule 6)."""
    cuts = []
    for match in _CASED_BREAK.finditer(text):
        before, opener = match.group(1), match.group(2)
        if _LIST_MARK.fullmatch(before) or before.strip("(\"“”)").lower() in _NOT_LAST:
            continue
        after_lower = opener in _CASED_OPENERS and (_LOWER_END.fullmatch(before) or _ACRONYM.fullmatch(before))
        if after_lower or (opener in _TITLE_OPENERS and _TITLE_END.fullmatch(before)):
            cuts.append(match.end())
    return cuts


def _label_cuts(text: str, starts: Collection[int]) -> list[int]:
    """Both ends of speaker labels at the start of the text, of a line or of a cue (rule 4)."""
    line_starts = {0, *starts, *(match.end() for match in re.finditer(r"\n", text))}
    cuts: list[int] = []
    for start in line_starts:
        label = _LABEL.match(text, start)
        if label and len(label.group(1).split()) <= LABEL_MAX_WORDS:
            cuts.extend((start, label.end()) if _sentence_may_end(text, start) else (label.end(),))
    return cuts


def _sentence_may_end(text: str, at: int) -> bool:
    """Whether a sentence may end where a cue starts: the text before ends in terminal punctuation,
    or has none for a sentence's length (a transcript without punctuation)."""
    before = text[max(0, at - MAX_SENTENCE) : at].rstrip()
    return not before or _TERMINAL.search(before[-4:] + " ") is not None or _TERMINAL.search(before) is None


def _bound_length(text: str, span: tuple[int, int], lang: str, soft: Sequence[int]) -> list[tuple[int, int]]:
    """Cut a run too long for a sentence into pieces (rule 5)."""
    start, end = span
    limit = MAX_PUNCTUATED if _TERMINAL.search(text[max(start, end - 4) : end]) else MAX_SENTENCE
    pieces = []
    while end - start > limit:
        cut = _long_run_cut(text, start, end, lang, soft)
        piece, rest = _trim(text, start, cut), _trim(text, cut, end)
        if piece is None or rest is None:
            break
        pieces.append(piece)
        start = rest[0]
    pieces.append((start, end))
    return pieces


def _long_run_cut(text: str, start: int, end: int, lang: str, soft: Sequence[int]) -> int:
    low, high = start + MIN_PIECE, min(start + MAX_SENTENCE, end - MIN_PIECE)
    markers = _ARABIC_MARKERS if is_arabic_script(lang) else _LATIN_MARKERS
    marker = markers.search(text, low, high)
    if marker:
        return marker.start()
    clause_ends = [match.end() for match in _CLAUSE_MARK.finditer(text, low, high)]
    breaks = clause_ends + list(soft[bisect.bisect_left(soft, low) : bisect.bisect_left(soft, high)])
    if breaks:
        return max(breaks)
    spaces = [match.end() for match in _SPACE.finditer(text, low, high)]
    if spaces:
        return spaces[-1]
    later = _SPACE.search(text, high, end)
    return later.end() if later else end
