"""Thai word lists for pythainlp's newmm cutter, and the units a line never breaks inside besides words.

``WordSet`` stands in for pythainlp's Trie: newmm only asks a dictionary for the words that start at a place,
and two sets answer that without building a tree of nodes. ``glue_dates`` joins a date or an era year into
one break unit. Both are used by toolkit/kit/thai.py; tests in tests/kit/test_thai.py.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")  # as toolkit/kit/thai.py: never a download at import

from pythainlp.tokenize import Trie  # noqa: E402
from pythainlp.util.date import thai_abbr_months, thai_full_months  # noqa: E402

__all__ = ["WordSet", "glue_dates"]


class WordSet(Trie):
    """A dictionary newmm can cut with (it only asks for the words that start at a place), built from two
    sets instead of a tree of nodes: 0.27 s instead of 0.98 s for pythainlp's 62,000 words, which every
    process paid twice before its first Thai sentence, and it cuts faster (tests/kit/test_thai.py checks it
    cuts as pythainlp's Trie does)."""

    def __init__(self, words: Iterable[str]) -> None:  # noqa: D107 - no Trie nodes are built
        self._words = frozenset(w.strip() for w in words if w and w.strip())
        self._starts = frozenset(w[:k] for w in self._words for k in range(1, len(w) + 1))
        self._word_count = len(self._words)

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """The words at the start of text[start:], shortest first."""
        found = []
        for end in range(start + 1, len(text) + 1):
            head = text[start:end]
            if head not in self._starts:
                break
            if head in self._words:
                found.append(head)
        return found

    def add(self, word: str) -> None:
        raise TypeError("a WordSet is built whole: WordSet(words | {word})")

    def remove(self, word: str) -> None:
        raise TypeError("a WordSet is built whole: WordSet(words - {word})")

    def __contains__(self, key: object) -> bool:
        return key in self._words

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    def __len__(self) -> int:
        return self._word_count


# A date or a year is read as one: "30 ก.ย. 69", "1 ตุลาคม 2568", "พ.ศ. 2569" never end one line and start the next
_MONTHS = "|".join(map(re.escape, sorted((*thai_abbr_months, *thai_full_months), key=len, reverse=True)))
_DAY = re.compile(r"[0-9๐-๙]{1,2}")
_MONTH = re.compile(rf"(?:{_MONTHS})")
_BEFORE_YEAR = re.compile(rf"(?:{_MONTHS}|พ\.ศ\.|ค\.ศ\.)")
_YEAR = re.compile(r"[0-9๐-๙]{2,4}")
_ERAS = ("พ.ศ.", "ค.ศ.")


def glue_dates(units: list[str]) -> list[str]:
    """Break units with each date or era year joined into one unit, its spaces kept: day + month, month + era
    and month or era + year are never split across lines."""
    out: list[str] = []
    k = 0
    while k < len(units):
        u = units[k]
        if u == " " and out and k + 1 < len(units):
            left, right = out[-1].rsplit(" ", 1)[-1], units[k + 1]
            if ((_DAY.fullmatch(left) and _MONTH.fullmatch(right))
                    or (_MONTH.fullmatch(left) and right in _ERAS)
                    or (_BEFORE_YEAR.fullmatch(left) and _YEAR.fullmatch(right))):
                out[-1] += u + right
                k += 2
                continue
        out.append(u)
        k += 1
    return out
