"""Readers for the annotated corpora sayso trains on and is measured against.

- :mod:`sayso.corpora.news_quotation`: the German news quotation corpus
  (Wikinews, Petersen-Frey & Biemann 2024), ``data/de-news-quotation``.
- :mod:`sayso.corpora.spkatt`: SpkAtt-2023 task 1 / GePaDe, German Bundestag
  speeches (Rehbein et al. 2023/2024), ``data/spkatt-2023-task1``.

Each reader returns typed, frozen records with character spans into one text
per document, so that statements found by sayso in that text can be compared
with the gold annotation directly.
"""

from __future__ import annotations

from sayso.corpora.news_quotation import (
    NewsDocument,
    NewsPart,
    NewsQuotation,
    NewsSentence,
    NewsToken,
    iter_news_split,
    read_news_document,
    read_news_split,
)
from sayso.corpora.spkatt import (
    SPKATT_ROLES,
    SpkAttEvent,
    SpkAttSentence,
    SpkAttSpeech,
    SpkAttToken,
    iter_spkatt_split,
    read_spkatt_speech,
    read_spkatt_split,
    read_spkatt_test_cues,
)

__all__ = [
    "SPKATT_ROLES",
    "NewsDocument",
    "NewsPart",
    "NewsQuotation",
    "NewsSentence",
    "NewsToken",
    "SpkAttEvent",
    "SpkAttSentence",
    "SpkAttSpeech",
    "SpkAttToken",
    "iter_news_split",
    "iter_spkatt_split",
    "read_news_document",
    "read_news_split",
    "read_spkatt_speech",
    "read_spkatt_split",
    "read_spkatt_test_cues",
]
