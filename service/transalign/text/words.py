"""Words: what counts as an Arabic or English word, and which words are function words.

One definition for the aligner and the checks, so that a word the aligner matched is the
word a check quotes. Arabic words are matched in two forms: in the original text (letters
with their diacritics and tatweel, so that spans point into what the user wrote) and in
normalized text (`normalize_arabic` has removed the marks).
"""

from __future__ import annotations

import re

ARABIC_LETTERS = "\u0621-\u064a"  # hamza to ya: the letters, without digits or marks
ARABIC_MARKS = "\u064b-\u065f\u0670\u0640"  # harakat, superscript alef and tatweel: written on or between letters
ARABIC_WORD = re.compile(f"[{ARABIC_LETTERS}][{ARABIC_LETTERS}{ARABIC_MARKS}]*")  # in original text: starts with a letter
NORMALIZED_ARABIC_WORD = re.compile(f"[{ARABIC_LETTERS}]+")  # in normalized text, which has no marks left
LATIN_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")  # letters, with one apostrophe inside ("don't", "Qur’an")

MIN_CONTENT_LETTERS = 2  # a one-letter word is a clitic or an initial, never content

# Arabic function words (normalized spelling and as written): never names, never content.
ARABIC_STOPWORDS = frozenset(
    """في من على الى إلى عن ان أن إن لا لم لن ما ماذا هذا هذه ذلك تلك التي الذي الذين هو هي هم
    كان كانت قد ثم او أو بل لكن حتى اذا إذا كل بعد قبل عند مع بين غير منذ يا به بها لها له
    فيه فيها منه منها عليه عليها اليه اليها وهو وهي وقد وان وأن ولا ولم وما وفي ومن وعلى""".split()
)

# English function words carry no evidence of a translation (every sentence has them).
ENGLISH_STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just let me more most my myself no nor not of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    upon very was we were what when where which while who whom why will with would you your
    yours yourself yourselves""".split()
)
