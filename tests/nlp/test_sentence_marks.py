"""Sentence starts set on a whole doc at once."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from spacy.tokens import Doc
from spacy.vocab import Vocab

from sayso.nlp.sentence_marks import mark_sentence_starts

VOCAB = Vocab()


@given(
    st.integers(1, 40).flatmap(
        lambda n: st.tuples(
            st.just(n), st.sets(st.integers(1, n - 1) if n > 1 else st.nothing())
        )
    )
)
def test_exactly_the_given_tokens_start_sentences(case: tuple[int, set[int]]) -> None:
    n, later = case
    doc = Doc(VOCAB, words=[f"w{i}" for i in range(n)])
    starts = {0} | later
    mark_sentence_starts(doc, starts)
    assert [t.i for t in doc if t.is_sent_start] == sorted(starts)
    assert [s.start for s in doc.sents] == sorted(starts)
