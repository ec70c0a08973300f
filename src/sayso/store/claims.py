"""Claims: the same message by the same speaker, across articles.

A message becomes a set of content tokens (case and accents folded, function
words dropped, common endings cut, so ``Wir werden nicht nachgeben`` and
``er werde nicht nachgeben`` meet); the *fingerprint* is a hash of that set.
Reports with the same fingerprint are one claim; so are reports whose token
sets overlap by Jaccard at least :data:`MIN_OVERLAP`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from typing import Final

#: Jaccard overlap of token sets at which two messages count as the same claim.
MIN_OVERLAP: Final = 0.6
#: Messages with fewer content tokens are too short to group ("Ja.").
MIN_TOKENS: Final = 2
#: Tokens kept per message (the longest, then alphabetical): bounds the work.
MAX_TOKENS: Final = 40

_WORD = re.compile(r"\w+", re.UNICODE)
_STOP: Final = frozenset(
    str.split(
        """der die das des dem den ein eine einer eines einem einen und oder aber
    doch nicht kein keine keinen keiner keines keinem noch schon auch nur sehr
    so wie als dass daß ob wenn weil denn da zu zum zur im in ins am an auf aus
    bei mit nach von vor über unter um für gegen ohne durch bis seit es er sie
    wir ich du ihr man sich sei seien sein ist sind war waren wäre wären habe
    haben hat hatte hätten hätte werde werden wird wurde würden würde könne
    können kann müsse müssen muss solle sollen soll wolle wollen will dies
    diese dieser dieses jene jener uns unser unsere ihm ihn ihnen ihre ihren
    sein seine seinen seiner mir mich dir dich the a an and or but not no nor
    so as of to in on at by for with from into about than that this these
    those it its he she they we i you him her them us our their his is are
    was were be been being has have had do does did will would shall should
    can could may might must there here then also only very just"""
    )
)
_ENDINGS: Final = ("ungen", "ung", "en", "er", "es", "em", "e", "n", "s")


def claim_tokens(message: str) -> list[str]:
    """The content tokens of a message, sorted and unique."""
    text = unicodedata.normalize("NFKD", message.casefold().replace("ß", "ss"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    tokens = set()
    for word in _WORD.findall(text):
        if word in _STOP or (word.isdigit() and len(word) < 3):
            continue
        tokens.add(_stem(word))
    ranked = sorted(tokens, key=lambda t: (-len(t), t))[:MAX_TOKENS]
    return sorted(ranked)


def _stem(word: str) -> str:
    if len(word) <= 4:
        return word
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def fingerprint(tokens: Sequence[str]) -> str:
    """A short hash of a token set (empty for messages too short to group)."""
    if len(tokens) < MIN_TOKENS:
        return ""
    return hashlib.sha256(" ".join(sorted(tokens)).encode()).hexdigest()[:32]


def jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def group(items: Sequence[tuple[str, frozenset[str]]]) -> list[list[int]]:
    """Indices of ``(fingerprint, tokens)`` items grouped into claims.

    Same fingerprint, or a token overlap of at least :data:`MIN_OVERLAP`
    (compared only between items sharing a token, so the work stays near
    linear). Groups come back in order of their first item.
    """
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    by_print: dict[str, int] = {}
    by_token: dict[str, list[int]] = defaultdict(list)
    for index, (printed, tokens) in enumerate(items):
        if not printed:
            continue
        if printed in by_print:
            union(by_print[printed], index)
            continue
        by_print[printed] = index
        for token in tokens:
            by_token[token].append(index)
    for members in by_token.values():
        if len(members) < 2 or len(members) > 500:
            continue
        for pos, i in enumerate(members):
            for j in members[pos + 1 :]:
                if find(i) != find(j) and jaccard(items[i][1], items[j][1]) >= (
                    MIN_OVERLAP
                ):
                    union(i, j)
    groups: dict[int, list[int]] = defaultdict(list)
    for index, (printed, _) in enumerate(items):
        if printed:
            groups[find(index)].append(index)
    return [groups[root] for root in sorted(groups)]
