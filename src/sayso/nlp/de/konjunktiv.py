"""The ``sayso_konjunktiv`` component: Konjunktiv I and II of German finite verbs.

German marks reported speech with Konjunktiv I (*er sei*, *sie habe gesagt*),
which the available treebank data annotates only partly. This component
decides deterministically, on top of the statistical tags where they exist:

- irregular forms with no indicative homograph are always Konjunktiv I
  (*sei*, *seien*, *könne*, *müsse*, *wolle*, *solle*, *dürfe*, *möge*, *wisse*);
- a present stem + *-e* (*komme*, *habe*, *werde*, *gebe*, *glaube*) is
  Konjunktiv I unless its subject is *ich* (*ich glaube* is indicative) or it
  stands first in a subject-less sentence (*Habe heute bestellt.*);
- *-en* forms are never Konjunktiv I except *seien*: *wir glauben*, *sie
  glauben* look the same in both moods;
- Konjunktiv II: *wäre*, *hätte*, *würde*, the modal forms *könnte*,
  *müsste*, *sollte* (ambiguous with the past, marked II), the strong forms
  *ginge*, *käme*, *gäbe* …, and any finite verb the tagger marks
  ``Mood=Sub|Tense=Past``.

Konjunktiv I and II forms get ``Mood=Sub`` in ``token.morph``; a finite verb the
tagger marked subjunctive that the rules reject gets ``Mood=Ind``. Without a
tagger (the rule-only fallback) only lower-case forms from the lexicons below are
considered, as finite verbs cannot be told from nouns otherwise.
"""


# German quotation marks and dashes are the subject here

from __future__ import annotations

import logging
from collections.abc import Iterable

from spacy.attrs import ORTH, POS, TAG
from spacy.language import Language
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Token

from sayso.nlp.extensions import register

log = logging.getLogger(__name__)


def _words(text: str) -> list[str]:
    return text.split()


#: Konjunktiv I forms that no indicative form shares.
UNAMBIGUOUS_I = frozenset(
    _words(
        """
    sei seist seiest seien seiet
    könne könnest müsse müssest wolle wollest solle sollest dürfe dürfest
    möge mögest wisse wissest
    """
    )
)

#: Present stem + -e forms frequent in reported speech (used without a tagger).
COMMON_I = frozenset(
    _words(
        """
    habe werde gebe komme gehe stehe liege sehe tue lasse halte bleibe nehme
    gelte trage finde brauche glaube denke meine wolle wisse heiße laufe falle
    fehle handle handele bestehe entstehe bedeute zeige plane arbeite lebe
    spiele führe gehöre erwarte hoffe rechne setze stelle bringe mache sage
    verstehe beginne befinde verfüge sorge drohe leide treffe reiche helfe
    entscheide erkläre fordere warne lehne unterstütze prüfe kenne kämpfe
    """
    )
)

#: Konjunktiv II forms (modal -te forms are ambiguous with the past; marked II).
FORMS_II = frozenset(
    _words(
        """
    wäre wärest wärst wären wäret hätte hättest hätten hättet
    würde würdest würden würdet könnte könntest könnten könntet
    müsste müsstest müssten müsstet müßte müßten sollte solltest sollten solltet
    dürfte dürftest dürften möchte möchtest möchten möchtet wüsste wüssten
    wüßte wüßten ginge gingen käme kämen gäbe gäben stünde stünden stände
    bliebe blieben läge lägen täte täten fände fänden hielte hielten ließe
    ließen sähe sähen nähme nähmen gälte gälten bräuchte bräuchten brächte
    brächten dächte dächten fiele fielen hieße hießen riefe schiene schienen
    träfe träfen trüge zöge zögen
    """
    )
)

#: Subject pronouns and articles that, right after a sentence-initial verb, make it
#: a verb-second clause with a 3rd-person subject (*Habe er …*).
_THIRD_PERSON_AFTER = frozenset({"er", "sie", "es", "man"})
_FINITE_TAGS = frozenset({"VVFIN", "VAFIN", "VMFIN"})
#: STTS tags no finite verb gets even when the UPOS tag disagrees (*meine* as
#: PPOSAT but AUX, *tolle* as ADJA but ADV) where a noun phrase goes on.
_NON_VERB_TAGS = frozenset(
    {"ART", "PPOSAT", "PDAT", "PIAT", "PRELAT", "PWAT", "ADJA", "NN", "NE"}
)
_NOUN_PHRASE = frozenset({"NOUN", "PROPN", "ADJ", "NUM"})
#: Parts of speech a lower-case -e word keeps even where its lemma is a verb
#: (*keine*, *seine*); a lower-case NOUN or PROPN is the tagger's slip
#: (*zu der Maßnahme gebe/VVPP/NOUN es keine Alternative*).
_NOT_VERB_POS = frozenset({"DET", "PRON", "NUM", "PUNCT"})
_CLAUSE_BREAKS = frozenset({",", ";", ":", ".", "!", "?", "(", ")", "–", "-", "—"})
_QUOTES = frozenset("„“”\"»«‚‘’'›‹")


class Konjunktiv:
    """Set ``token._.konjunktiv`` and ``Mood`` on the finite verbs of a doc."""

    def __init__(self) -> None:
        register()
        #: orth id -> whether the form is a lower-case *-e* word
        self._e_forms: dict[int, bool] = {}

    def __call__(self, doc: Doc) -> Doc:
        tagged = doc.has_annotation("TAG") or doc.has_annotation("MORPH")
        if not tagged:
            for token in doc:
                self.set_annotations(
                    token, self.find(token, tagged=False), tagged=False
                )
            return doc
        for i in self._candidates(doc):
            token = doc[i]
            self.set_annotations(token, self.find(token, tagged=True), tagged=True)
        return doc

    def _candidates(self, doc: Doc) -> list[int]:
        """Tokens :meth:`find` may mark or whose mood it may repair: tagged as a
        verb, or a lower-case *-e* word (a mistagged present form)."""
        strings = doc.vocab.strings
        finite = {strings[tag] for tag in _FINITE_TAGS}
        e_forms = self._e_forms
        if len(e_forms) > 200_000:
            e_forms.clear()
        found = []
        rows = doc.to_array([POS, TAG, ORTH]).tolist()
        for i, (pos, tag, orth) in enumerate(rows):
            if pos in _VERB_POS_IDS or tag in finite:
                found.append(i)
                continue
            e_form = e_forms.get(orth)
            if e_form is None:
                text = strings[orth]
                e_form = e_forms[orth] = text.endswith("e") and text.islower()
            if e_form:
                found.append(i)
        return found

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    def find(self, token: Token, *, tagged: bool) -> str | None:
        """``"I"``, ``"II"`` or ``None`` for one token."""
        lower = token.lower_
        if not lower.isalpha() or not _may_be_verb(token, tagged=tagged):
            return None
        if lower in UNAMBIGUOUS_I:
            return "I"
        if lower in FORMS_II:
            return "II"
        if tagged and not _is_finite(token) and not lower.endswith("e"):
            return None
        if lower.endswith("e") and _is_present_stem_e(token, tagged=tagged):
            if _first_person(token):
                log.debug(
                    "%r at %d: not Konjunktiv I (subject ich)", token.text, token.i
                )
                return None
            if _subjectless_start(token):
                log.debug(
                    "%r at %d: not Konjunktiv I (no subject)", token.text, token.i
                )
                return None
            return "I"
        if tagged and _is_finite(token) and _umlauted_past(token):
            return "II"
        return None

    def set_annotations(self, token: Token, mood: str | None, *, tagged: bool) -> None:
        if mood is not None or token._.konjunktiv is not None:
            token._.konjunktiv = mood
        if mood is not None:
            _set_mood(token, "Sub")
        elif tagged and _feature(token, "Mood") == "Sub" and _is_finite(token):
            _set_mood(token, "Ind")


def _feature(token: Token, name: str) -> str | None:
    """The value of one morphological feature (``None`` where unset)."""
    values = token.morph.get(name, [])
    return ",".join(values) if values else None


_VERB_POS_IDS = frozenset({VERB, AUX})


def _may_be_verb(token: Token, *, tagged: bool) -> bool:
    """A verb by its tag (or, untagged, by its case): never a capitalised word inside
    a sentence, never a word tagged as something else."""
    if token.text[:1].isupper() and not _at_sentence_start(token):
        return False
    if not tagged:
        return True
    if token.tag_ in _NON_VERB_TAGS and _before_noun(token):
        return False  # determiner or attributive adjective by tag and position
    if token.pos_ in {"VERB", "AUX"} or token.tag_ in _FINITE_TAGS:
        return True
    return _mistagged_present_e(token)


def _before_noun(token: Token) -> bool:
    """Right before a noun or adjective, where determiners and attributive
    adjectives stand (*meine erste Wahl*), not a verb with its subject or clause
    end (*nehme er*, *nichts ausmache,* both tagged ADJA)."""
    doc = token.doc
    return token.i + 1 < len(doc) and doc[token.i + 1].pos_ in _NOUN_PHRASE


def _mistagged_present_e(token: Token) -> bool:
    """A rare present stem + *-e* the tagger took for an adverb, adjective or
    (lower-case) noun.

    *gebe*, *wachse*, *ausmache* are seldom seen in the training data; their
    lemma is a verb whose stem + *-e* they are, and no article precedes them.
    """
    lower = token.lower_
    if token.text != lower or not lower.endswith("e") or token.pos_ in _NOT_VERB_POS:
        return False
    lemma = token.lemma_.lower()
    if not lemma.endswith("n") or lemma == lower:
        return False
    if token.i > 0 and token.doc[token.i - 1].pos_ in {"DET", "ADP"}:
        return False
    return any(len(stem) > 2 and lower.endswith(stem + "e") for stem in _stems(lemma))


def _at_sentence_start(token: Token) -> bool:
    doc = token.doc
    i = token.i - 1
    while i >= 0 and (doc[i].text in _QUOTES or doc[i].is_space):
        i -= 1
    if i < 0 or doc[i].text in {".", "!", "?", ":", "…"}:
        return True
    return bool(token.is_sent_start)


def _umlauted_past(token: Token) -> bool:
    """A past-stem subjunctive with an umlaut its lemma lacks (*käme*, *brächten*)
    that the tagger marks ``Mood=Sub``; weak forms (*hörten*) equal the past."""
    if _feature(token, "Mood") != "Sub" or _feature(token, "Tense") != "Past":
        return False
    lemma = token.lemma_.lower()
    return any(c in token.lower_ and c not in lemma for c in "äöü")


def _is_finite(token: Token) -> bool:
    if token.tag_ in _FINITE_TAGS:
        return True
    return token.pos_ in {"VERB", "AUX"} and _feature(token, "VerbForm") == "Fin"


def _stems(lemma: str) -> list[str]:
    lemma = lemma.lower()
    if lemma.endswith(("eln", "ern")):
        return [lemma[:-1], lemma[:-3] + lemma[-2]]  # handel-e, handl-e
    if lemma.endswith("en"):
        return [lemma[:-2]]
    if lemma.endswith("n"):
        return [lemma[:-1]]  # tun -> tu-e
    return []


def _is_present_stem_e(token: Token, *, tagged: bool) -> bool:
    """Whether ``token`` is a present stem + ``-e`` (not a past ``-te`` form)."""
    lower = token.lower_
    if not tagged:
        return lower in COMMON_I
    if lower in COMMON_I:
        return True  # a present stem + -e by construction: never a past form
    lemma = token.lemma_.lower()
    if lemma and lemma != lower:
        return any(
            lower == stem + "e" or lower.endswith(stem + "e") for stem in _stems(lemma)
        )
    # no usable lemma: a -te form is past unless the stem ends in t/d (arbeite)
    if _feature(token, "Tense") == "Past":
        return False
    return not lower.endswith("te") or lower.endswith(("tte", "dte"))


def _first_person(token: Token) -> bool:
    """Whether *ich* is the subject: in the clause before the verb or right after it."""
    doc = token.doc
    sent_start = token.sent.start if doc.has_annotation("SENT_START") else 0
    for i in range(token.i - 1, max(sent_start, token.i - 12) - 1, -1):
        text = doc[i].lower_
        if text == "ich":
            return True
        if text in _CLAUSE_BREAKS or text in _QUOTES:
            break
    for i in range(token.i + 1, min(len(doc), token.i + 3)):
        text = doc[i].lower_
        if text == "ich":
            return True
        if text in _CLAUSE_BREAKS:
            break
    return False


def _subjectless_start(token: Token) -> bool:
    """A verb first in its sentence, no pronoun after it (*Habe heute bestellt.*)."""
    if not token.text[:1].isupper() or not _at_sentence_start(token):
        return False
    doc = token.doc
    following = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
    return following not in _THIRD_PERSON_AFTER


def _set_mood(token: Token, mood: str) -> None:
    features = token.morph.to_dict()
    if features.get("Mood") == mood:
        return
    features["Mood"] = mood
    morph = "|".join(f"{k}={v}" for k, v in sorted(features.items()))
    token.set_morph(morph)  # type: ignore[attr-defined]  # missing from spaCy's stubs


@Language.factory(
    "sayso_konjunktiv",
    requires=["token.tag", "token.morph", "token.lemma"],
    assigns=["token._.konjunktiv", "token.morph"],
)
def make_konjunktiv(nlp: Language, name: str) -> Konjunktiv:
    """Factory of the ``sayso_konjunktiv`` component (no settings)."""
    return Konjunktiv()
