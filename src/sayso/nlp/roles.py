"""Roles: for each cue, its source, message, addressee, medium, topic and evidence.

The position of the finite verb decides where the source is: in a verb-second
clause with a noun phrase before the verb (``US-Außenminister Rubio drohte …``)
that phrase is the source; otherwise (``…, räumte Rubio ein``, ``Zu X sagte
Selenskyj``, ``wie die Polizei mitteilte``) it is the first noun phrase after
the verb or subordinator. The message is, in this order of preference, what
follows a colon, a complement clause after the cue clause (``dass``, ``ob``,
Konjunktiv, a main clause after a verb of saying, a zu-infinitive), what
precedes a verb-first cue clause (``Dafür sei viel Arbeit nötig, räumte Rubio
ein``), an adjacent quotation, or, for a summarised act, the rest of the cue
clause (``drohte Russland mit neuen Sanktionen``).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Collection, Sequence

from spacy.tokens import Doc, Token

from sayso.nlp import grammar as g
from sayso.nlp.candidate import Candidate
from sayso.nlp.cues import PrepCue, VerbCue, inside, np_ending_at
from sayso.nlp.grammar import Clause, Range
from sayso.nlp.lexicon import Lexicon, lemma_of, load_lexicon
from sayso.nlp.speakers import is_title, own_account

_SKIPPABLE = frozenset(
    {"ADV", "PTKNEG", "PROAV", "PTKVZ", "ADJD", "PTKA", "KON", "PAV", "PWAV"}
)
_MESSAGE_OPENERS = frozenset(
    {
        "dass",
        "ob",
        "daß",
        "wonach",
        "wie",
        "warum",
        "weshalb",
        "wer",
        "was",
        "wann",
        "wo",
        "weil",
    }
)
_ADVERBIAL_OPENERS = frozenset(
    {
        "während",
        "weil",
        "wenn",
        "als",
        "nachdem",
        "obwohl",
        "bevor",
        "damit",
        "sodass",
        "falls",
        "da",
        "seit",
        "seitdem",
        "bis",
        "indem",
        "ehe",
        "sobald",
        "solange",
        "um",
    }
)


class Sentence:
    """One sentence with its clauses and quotations, shared by the role finders."""

    def __init__(
        self,
        doc: Doc,
        start: int,
        end: int,
        clauses: list[Clause],
        quotes: Sequence[Range],
    ):
        self.doc = doc
        self.start = start
        self.end = end
        self.clauses = clauses
        self.quotes = [q for q in quotes if q[0] < end and q[1] > start]

    def quote_at(self, i: int) -> Range | None:
        return next((q for q in self.quotes if q[0] <= i < q[1]), None)

    def clause_index(self, clause: Clause) -> int:
        return self.clauses.index(clause)


# -- verbal cues ------------------------------------------------------------------


def verbal_statement(
    sent: Sentence, cue: VerbCue, lexicon: Lexicon
) -> Candidate | None:
    """A statement from a verbal or predicative cue, or None when no frame fits."""
    doc = sent.doc
    clause = cue.clause
    if _cross_reference(doc, cue.head):
        return None  # "(Wikinews berichtete)": where else it was reported
    candidate = Candidate(
        kind="indirect", rule=cue.rule, cue=cue.ranges, anchor=cue.head
    )
    candidate.lemma = cue.entry.lemma
    candidate.mode = cue.entry.mode
    passive = _passive(doc, clause, cue)
    if (
        passive is not None
        and passive[0] is None
        and cue.entry.lemma in lexicon.word_class("agentless_naming")
    ):
        return None  # "wird als vorgezogenes Finale bezeichnet": what it is called
    if cue.entry.lemma in lexicon.word_class("no_cue_with_es") and _es_beside(
        doc, clause
    ):
        return None  # "Es drohe eine Erwärmung": a danger, not a threat
    source = find_source(doc, clause, cue, sent)
    if (
        clause.opener is not None
        and doc[clause.opener].lower_ in g.COORDINATORS
        and (source is None or _may_be_object(doc, clause, source))
    ) or (
        source is None
        and cue.entry.lemma not in lexicon.word_class("impersonal_cue")
        and _comma_coordinated(sent, clause, cue)
    ):
        # "… wies sie zurück und bezeichnete sie als …": the first clause's
        # subject; not "…, heißt es in einem Bericht": nobody's but the report's
        source = _shared_subject(sent, clause) or source
    if source is not None:
        candidate.source = [source]
    _roles_in_clause(sent, cue, candidate, lexicon)
    message, kind = find_message(sent, cue, candidate, lexicon)
    anaphoric = _anaphoric_message(sent, clause)
    if message and anaphoric is not None and kind == "reported":
        # "Das gab der Minister bekannt", "Dies kündigte die Behörde an": the
        # pronoun is what was said; where it was taken for the subject, the
        # noun phrase after the verb is who said it
        if candidate.source == [_vorfeld(doc, clause)]:
            if len(message) != 1 or not _names_someone(doc, message[0]):
                anaphoric = None
            else:
                candidate.source = [message[0]]
        elif not candidate.source:
            anaphoric = None  # "Das hat den Bericht angekündigt": "Das" said it
        if anaphoric is not None:
            message, kind = anaphoric, "indirect"
    if message:
        candidate.message = message
        candidate.kind = kind
    elif anaphoric is not None:
        candidate.message = anaphoric  # "… gefordert. Dies bestätigte Key."
    elif _no_comment(doc, clause, cue) and candidate.source:
        # "Der Kreml hat sich nicht geäußert" (not "… wurde nicht bestätigt")
        candidate.kind = "reported"
        candidate.confidence = 0.7
    else:
        return None
    if candidate.source and _impersonal(doc, candidate.source[0]):
        candidate.source = []  # "man sagt": nobody in particular
    if not candidate.source and candidate.medium:
        # "In einer Erklärung heißt es, …": the document is where it comes from
        candidate.source = [candidate.medium[0]]
    if not candidate.source and (
        cue.entry.lemma in lexicon.word_class("impersonal_cue") or passive is not None
    ):
        # "In dem Antrag heißt es: …", "…, hieß es bei Russland Aktuell",
        # "Aus EU-Kreisen verlautete, …", "In der Meldung wird Musk zitiert"
        candidate.source = _where_it_says(sent, clause, candidate)
    if not candidate.source and (document := _document_before(sent, clause)):
        # "ein Schreiben, in dem es heißt, …": the document the clause is about
        candidate.source = [document]
    candidate.negated = _negated(doc, clause, cue, candidate)
    candidate.hearsay = _hearsay(doc, clause, cue, lexicon)
    candidate.confidence = _confidence(candidate)
    return candidate


def _es_beside(doc: Doc, clause: Clause) -> bool:
    """*es* right before or after the clause's finite verb (``Es drohe``,
    ``drohe es``)."""
    finite = clause.finite
    if finite is None:
        return False
    return any(
        clause.start <= k < clause.end and doc[k].lower_ == "es"
        for k in (finite - 1, finite + 1)
    )


def _cross_reference(doc: Doc, head: int) -> bool:
    """A cue in a short parenthesis of its own (``(Wikinews berichtete)``, ``(wir
    berichteten)``): a pointer to other reports, not a statement."""
    opening = next(
        (k for k in range(head - 1, max(-1, head - 4), -1) if doc[k].text == "("),
        None,
    )
    if opening is None:
        return False
    closing = next(
        (k for k in range(head + 1, min(len(doc), head + 4)) if doc[k].text == ")"),
        None,
    )
    if closing is None:
        return False
    return not any(g.is_punct(doc[k]) for k in range(opening + 1, closing))


def _names_someone(doc: Doc, span: Range) -> bool:
    """A noun phrase with a noun or name in it, not opened by an accusative
    article (``der Minister``, ``das Amt``, ``Manfred Stolpe``; not ``den
    Bericht``)."""
    a, b = span
    if doc[a].lower_ in _ACCUSATIVE_OPENERS:
        return False
    return any(g.is_noun(doc[k]) for k in range(a, b))


_ACCUSATIVE_OPENERS = frozenset(
    {"den", "einen", "diesen", "jenen", "seinen", "ihren", "unseren", "keinen"}
)


def _where_it_says(sent: Sentence, clause: Clause, candidate: Candidate) -> list[Range]:
    """The place after ``in``/``im``/``auf``/``bei``/``aus``/``vom`` in an
    impersonal clause (``in dem Antrag heißt es``, ``auf der Homepage``, ``aus
    Regierungskreisen verlautete``): the text or circle it comes from."""
    doc = sent.doc
    taken = candidate.tokens("message") | candidate.tokens("cue")
    for i in range(clause.start, clause.end):
        if i in taken or inside(i, sent.quotes):
            continue
        if doc[i].lower_ not in _WHERE_IT_SAYS or not g.is_prep(doc[i]):
            continue
        end = _pp_end(doc, i, clause.end)
        head = next((k for k in range(i + 1, end) if g.is_noun(doc[k])), None)
        if head is None or doc[head].text in g.TIME_NOUNS:
            continue
        if doc[head].ent_type_ == "LOC" or doc[head].text[:1].isdigit():
            continue  # "in Berlin", "im 19. Jahrhundert": where or when
        return [(i, end)]
    return []


_WHERE_IT_SAYS = frozenset({"in", "im", "auf", "bei", "aus", "vom", "von"})


def _anaphoric_message(sent: Sentence, clause: Clause) -> list[Range] | None:
    """``Dies bestätigte der Minister``: a sentence opened by a demonstrative
    pronoun and the cue reports what the sentence before said (both marked)."""
    doc = sent.doc
    vorfeld = _vorfeld(doc, clause)
    if clause.kind != "v2" or vorfeld is None or vorfeld[1] - vorfeld[0] != 1:
        return None
    k = vorfeld[0]
    if doc[k].lower_ not in ("das", "dies", "dieses") or doc[k].tag_ not in (
        "PDS",
        "ART",
        "NN",  # the tagger's reading of a lone "Das" before a verb, at times
    ):
        return None
    if k != sent.start:
        return _clause_before(doc, sent, clause, k)
    j = k - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j < 0 or "\n\n" in doc[j + 1 : k].text:
        return None  # nothing before it in its paragraph
    before = g.strip_range(doc, g.sentence_of(doc, j))
    if before[1] - before[0] < 3:
        return None
    return [before, (k, k + 1)]


def _clause_before(
    doc: Doc, sent: Sentence, clause: Clause, k: int
) -> list[Range] | None:
    """``Die Kamera ist ausgefallen, das teilte das Institut mit``: the
    demonstrative after a comma or dash points back at the sentence's words
    before it, a main clause with a finite verb of its own. Not *das heißt*
    (that is) nor *das nennt sich* (that is called)."""
    if k - 1 <= sent.start or not (
        doc[k - 1].text == "," or doc[k - 1].text in g.DASHES
    ):
        return None
    finite = clause.finite
    if finite is None or doc[finite].lower_ in ("heißt", "hieß", "bedeutet"):
        return None
    if finite + 1 < len(doc) and doc[finite + 1].lower_ == "sich":
        return None
    before = g.strip_range(doc, (sent.start, k - 1))
    if before[1] - before[0] < 3 or doc[before[0]].tag_ in g.SUBORDINATORS:
        return None
    if not any(g.is_finite(doc[i]) for i in range(*before)):
        return None
    return [before]


def _document_before(sent: Sentence, clause: Clause) -> Range | None:
    """``…, eine Erklärung der Behörde, in der es heißt, dass …``: a relative
    clause opened by ``in``/``auf`` + relative pronoun after a comma; the noun
    phrase before the comma is what the statement comes from."""
    doc = sent.doc
    a = clause.start
    while a < clause.end and g.is_punct(doc[a]):
        a += 1
    if (
        a + 1 >= clause.end
        or doc[a].lower_ not in ("in", "auf")
        or doc[a + 1].tag_ not in ("PRELS", "PRELAT")
        or a == 0
        or doc[a - 1].text != ","
    ):
        return None
    np = np_ending_at(doc, sent.start, a - 1)
    if np is None or not any(g.is_noun(doc[k]) for k in range(*np)):
        return None
    return np


_QUOTE_LEMMA = "zitieren"


def _quoted_subject(doc: Doc, clause: Clause, finite: int) -> Range | None:
    """Who is quoted in a passive of *zitieren*: the clause's subject."""
    if clause.kind == "v2":
        vorfeld = _vorfeld(doc, clause)
        if vorfeld is not None:
            rng = g.strip_range(doc, vorfeld)
            first = doc[rng[0]] if rng[1] > rng[0] else None
            if first is not None and not g.is_prep(first) and first.tag_ != "APPRART":
                np = g.noun_phrase(doc, rng[0], rng[1], coordinated=True)
                if np is not None and np[1] == rng[1]:
                    return np
    k = finite + 1
    if k < clause.end and doc[k].tag_ in ("NE", "NN", "ART", "PPER"):
        return g.noun_phrase(doc, k, clause.end)
    return None


def quoting_outlet(
    sent: Sentence, cue: VerbCue, candidate: Candidate
) -> Candidate | None:
    """``X wird von Reuters mit den Worten zitiert``, ``In der Meldung wird X
    so zitiert``: besides X's statement, the outlet's, which quotes it (X's
    statement is known through it: its parent)."""
    if cue.entry.lemma != _QUOTE_LEMMA or not candidate.source:
        return None
    passive = _passive(sent.doc, cue.clause, cue)
    if passive is None:
        return None
    where = passive[0] or next(iter(_where_it_says(sent, cue.clause, candidate)), None)
    if where is None or where == candidate.source[0]:
        return None
    outlet = copy.copy(candidate)
    outlet.source = [where]
    outlet.confidence = round(candidate.confidence * 0.9, 2)
    candidate.parent = outlet
    return outlet


def quoted_person(
    sent: Sentence, cue: VerbCue, candidate: Candidate
) -> Candidate | None:
    """``Ein Fernsehsender zitierte Papandreou mit den Worten: „…“``: besides
    the outlet's statement, the quoted person's (the accusative object, a
    name or a title), known through the outlet's: its child, as the news
    corpus marks both."""
    if (
        cue.entry.lemma != _QUOTE_LEMMA
        or not candidate.source
        or candidate.kind != "direct"
        or _passive(sent.doc, cue.clause, cue) is not None
    ):
        return None
    doc = sent.doc
    clause = cue.clause
    finite = clause.finite if clause.finite is not None else cue.head
    k = finite + 1
    while k < clause.end and doc[k].tag_ in ("ADV", "ADJD", "PTKNEG"):
        k += 1  # zitierte gestern Papandreou
    if k >= clause.end or doc[k].tag_ not in ("NE", "NN", "ART"):
        return None
    person = g.noun_phrase(doc, k, clause.end)
    if person is None or person == candidate.source[0]:
        return None
    if not any(
        doc[i].ent_type_ == "PER" or doc[i].tag_ == "NE" or is_title(doc[i].text)
        for i in range(*person)
    ):
        return None  # zitierte ein Sprichwort, einen Bericht
    quoted = copy.copy(candidate)
    quoted.source = [person]
    quoted.cue = []  # the quoting is the outlet's act, as the corpus marks it
    quoted.parent = candidate
    quoted.confidence = round(candidate.confidence * 0.9, 2)
    return quoted


def _impersonal(doc: Doc, source: Range) -> bool:
    return source[1] - source[0] == 1 and doc[source[0]].lower_ in ("man", "es")


def find_source(doc: Doc, clause: Clause, cue: VerbCue, sent: Sentence) -> Range | None:
    """The mention of the speaker in the cue's clause, as written.

    In a verb-second clause whose Vorfeld is nominal, the whole Vorfeld
    (appositions included, embedded relative clauses left out); in a relative
    clause the relative pronoun; otherwise the first noun phrase after the
    finite verb or subordinator that can be a subject.
    """
    finite = clause.finite if clause.finite is not None else cue.head
    passive = _passive(doc, clause, cue)
    if passive is not None:
        if cue.entry.lemma != _QUOTE_LEMMA:
            return passive[0]
        # "X wird (von Reuters) zitiert": X speaks (the outlet: quoting_outlet)
        subject = _quoted_subject(doc, clause, finite)
        return subject if subject is not None else passive[0]
    if clause.kind == "v2":
        after = _nominative_pronoun_after(doc, finite, clause.end)
        if after is not None:
            return after  # "Die Arbeit der Koalition lobte er": not the Vorfeld
        subject = _vorfeld_subject(clause, sent)
        if subject is not None:
            return subject
    if clause.kind in ("v1", "v2"):
        before = _subject_before(doc, clause, finite, sent)
        if before is not None:
            return before
    if clause.kind == "vl" and clause.opener is not None:
        opener = doc[clause.opener]
        if opener.lower_ in (
            "der",
            "die",
            "welcher",
            "welche",
        ) and g.is_relative_clause(doc, clause.start, clause.end):
            return (clause.opener, clause.opener + 1)
    start = (
        finite + 1
        if clause.kind in ("v1", "v2")
        else (clause.opener or clause.start) + 1
    )
    return _first_subject_after(doc, start, clause.end, cue)


#: Pronouns that can only be a subject.
_NOMINATIVE_PRONOUNS = frozenset({"er", "ich", "wir", "du"})


def _nominative_pronoun_after(doc: Doc, finite: int, end: int) -> Range | None:
    """``Eine Verschiebung bezeichnete er als fatal``: a pronoun that can only
    be a subject right after the verb of a verb-second clause."""
    k = finite + 1
    if k < end and doc[k].lower_ in _NOMINATIVE_PRONOUNS and doc[k].tag_ == "PPER":
        return k, k + 1
    return None


_NOT_SUBJECT_WORDS = frozenset(
    [
        "als",
        "wie",
        "es",
        "unterdessen",
        "inzwischen",
        "jetzt",
        "nun",
        "heute",
        "gestern",
        "morgen",
        "damals",
        "dabei",
        "dazu",
        "daher",
        "deshalb",
        "deswegen",
        "zudem",
        "außerdem",
        "ebenfalls",
        "zuletzt",
        "zuvor",
        "bereits",
        "erst",
        "später",
        "später",
        "dann",
        "danach",
        "davor",
        "hier",
        "dort",
        "so",
        "schon",
        "auch",
        "zunächst",
        "gleichzeitig",
        "zugleich",
        "allerdings",
        "jedoch",
        "trotzdem",
        "dennoch",
        "darüber",
        "darauf",
        "dafür",
        "dagegen",
        "demnach",
        "ferner",
        "weiterhin",
        "überdies",
        "insgesamt",
        "bisher",
        "bislang",
        "vorher",
        "nachher",
        "kürzlich",
    ]
)
#: Cues whose "zu" phrase after the verb is the topic: "äußerte sich zu dem Streit".
_TOPIC_AFTER = frozenset(
    {"äußern", "kommentieren", "Stellung nehmen", "schweigen", "bekennen"}
)
_POSTPOSED_CUES = frozenset({"zufolge", "gemäß", "nach", "entsprechend"})
_FOCUS = frozenset(
    {
        "auch",
        "nur",
        "sogar",
        "selbst",
        "gerade",
        "vor allem",
        "besonders",
        "insbesondere",
    }
)


#: Endings of a single capitalised Vorfeld word that make it an adverbial (the
#: tagger often takes a sentence-initial adjective for a noun).
_ADVERB_ENDINGS = (
    "lich",
    "weise",
    "mals",
    "falls",
    "iell",
    "uell",
    "mäßig",
    "gemäß",
    "end",
    "isch",
    "ig",
    "lang",
)
#: How real pronominal adverbs begin (darauf, damit, wofür, hierzu, deshalb,
#: demnach, trotzdem); a capitalised noun the tagger marked PAV (*Kritiker*)
#: begins otherwise.
_PRONOMINAL_ADVERBS = ("da", "wo", "hier", "des", "dem", "trotz", "statt")
_ADVERBIAL_PHRASES = frozenset({"des weiteren", "im übrigen", "im gegenzug"})


def _actor_noun(token: Token) -> bool:
    """A capitalised word ending like one who speaks (``Kritiker``, ``Experten``)."""
    endings = load_lexicon("de").ending_in("actor_ending")
    return token.text[:1].isupper() and token.lower_.endswith(endings)


def nominal_vorfeld(doc: Doc, vorfeld: Range, sent: Sentence) -> bool:
    """Whether the Vorfeld is a nominative noun phrase (and so the subject)."""
    a, b = vorfeld
    if b - a > 1 and doc[b - 1].lower_ == "so":
        return False  # "Der Grund, so vermutet die Zeitung, …": the subject follows
    while a < b and doc[a].lower_ in _FOCUS and b - a > 1:
        a += 1  # "Auch der Minister sagte"
    first = doc[a]
    lower = first.lower_
    if _particle_name(doc, a, b):
        return True  # "Von der Leyen betonte": the name, not a preposition
    if (
        lower in g.PREPOSITIONS
        or lower in _NOT_SUBJECT_WORDS
        or first.tag_ in ("APPR", "APPRART")
        or (first.tag_ in ("PAV", "PROAV") and lower.startswith(_PRONOMINAL_ADVERBS))
    ):
        return False
    if (
        first.tag_ in ("ADV", "ADJD", "KOUS")
        and (b - a == 1 or not g.is_noun(doc[a + 1]))
        and not _actor_noun(first)  # "Kritiker/ADV warnen": a noun mistagged
    ):
        return False  # Offiziell, Stellvertretend für …, Des Weiteren
    if (
        first.tag_ in ("PDS", "PIS", "ART")
        and b - a == 1
        and first.lower_ not in ("man",)
    ):
        # "Dies bestätigte die Polizei": a demonstrative object (an article alone
        # is one the tagger mistook)
        return False
    if b - a == 1 and lower.endswith(_ADVERB_ENDINGS) and not first.ent_type_:
        return False  # Vermutlich, Offiziell, Sinngemäß, Relativierend: adverbials
    if (
        b - a > 1
        and lower.endswith(("end", "lich", "weise", "mäßig"))
        and doc[a + 1].tag_ in ("APPR", "APPRART")
        and not first.ent_type_
    ):
        return False  # "Passend zu den Gefahren des Eises warnte …": an adverbial
    if doc[a : min(b, a + 2)].text.lower() in _ADVERBIAL_PHRASES:
        return False
    if any(doc[k].text == "Uhr" for k in range(a, b)):
        return False  # "Um 15:36 Uhr MEZ meldete …"
    if sent.quote_at(a) is not None or (
        g.is_punct(first) and sent.quote_at(a + 1) is not None
    ):
        return False
    if (
        lower in g.DATIVE_DETS
        or first.text in g.DATIVE_PRONOUNS
        or lower in ("den", "einen")
    ):
        return False
    # "Der englisch-sprachigen Zeitung": der + adjective in -en is never nominative
    if (
        lower == "der"
        and a + 1 < b
        and doc[a + 1].lower_.endswith("en")
        and g.is_adj(doc[a + 1])
    ):
        return False
    heads = [k for k in range(a, b) if g.is_noun(doc[k])]
    if heads and all(doc[k].text in g.TIME_NOUNS for k in heads):
        return False
    if any(g.is_finite(doc[k]) for k in range(a, b)):
        return False
    if any(
        doc[k].lower_ in _POSTPOSED_CUES or doc[k].tag_ == "APPO" for k in range(a, b)
    ):
        return False  # "Witkoff zufolge hat Russland …"
    return bool(heads) or g.is_pronoun(first) or first.text[:1].isupper()


_WERDEN = frozenset(
    {"wird", "werden", "wurde", "wurden", "worden", "würde", "würden", "werde"}
)


def _particle_name(doc: Doc, a: int, b: int) -> bool:
    """``Von der Leyen`` at the start of a clause: a surname with its particle
    capitalised, where the same doc writes it after a first name or title
    (``Ursula von der Leyen``)."""
    if not (3 <= b - a <= 4 and doc[a].text in ("Von", "Van", "De", "Zu")):
        return False
    words = [doc[k].text for k in range(a + 1, b)]
    if not words[-1][:1].isupper():
        return False
    particle = doc[a].text.lower()
    for k in range(1, len(doc) - len(words)):
        if (
            doc[k].text == particle
            and doc[k - 1].text[:1].isupper()
            and [doc[k + 1 + j].text for j in range(len(words))] == words
        ):
            return True
    return False


def _passive(doc: Doc, clause: Clause, cue: VerbCue) -> tuple[Range | None] | None:
    """``… wurde von Minister Stolpe als unrealistisch bezeichnet``: in a passive
    clause the speaker is the agent after ``von``/``vom``/``durch``, or unknown;
    the subject is what was spoken about. None where the clause is not passive."""
    head = doc[cue.head]
    embedded = {k for a, b in clause.embedded for k in range(a, b)}
    if head.tag_ != "VVPP" or not any(
        doc[k].lower_ in _WERDEN
        for k in range(clause.start, clause.end)
        if k not in embedded  # "In der Debatte, die … geführt wird, hat … gefordert"
    ):
        return None
    return (_agent(doc, clause.start, clause.end),)


def sentence_subject(sent: Sentence) -> Range | None:
    """The subject of a sentence's first main clause, as written (the agent
    after ``von``/``vom``/``durch`` in a passive one): who the sentence is
    about, for a cue-less claim after it."""
    doc = sent.doc
    clause = next(
        (c for c in sent.clauses if c.kind == "v2" and c.finite is not None), None
    )
    if clause is None or clause.finite is None:
        return None
    if any(doc[k].lower_ in _WERDEN for k in range(clause.start, clause.end)) and any(
        doc[k].tag_ == "VVPP" for k in range(clause.finite + 1, clause.end)
    ):
        return _agent(doc, clause.finite + 1, clause.end)
    subject = _vorfeld_subject(clause, sent)
    if subject is not None:
        return subject
    return _first_subject_after(doc, clause.finite + 1, clause.end, None)


def _vorfeld_subject(clause: Clause, sent: Sentence) -> Range | None:
    """The Vorfeld of a verb-second clause where it is a nominative noun phrase
    (appositions kept, embedded relative clauses left out)."""
    doc = sent.doc
    vorfeld = _vorfeld(doc, clause)
    if vorfeld is None:
        return None
    end = min([vorfeld[1], *(a for a, _ in clause.embedded if a > vorfeld[0])])
    rng = g.strip_range(doc, (vorfeld[0], end))
    return rng if rng[1] > rng[0] and nominal_vorfeld(doc, rng, sent) else None


def _agent(doc: Doc, start: int, end: int) -> Range | None:
    """The agent of a passive: the noun phrase after ``von``/``vom``/``durch``
    (not an amount: ``von zehn Millionen Euro``)."""
    for k in range(start, end):
        if doc[k].lower_ in ("von", "vom", "durch") and k + 1 < end:
            np = g.noun_phrase(doc, k + 1, end, coordinated=True)
            if np is not None and not _an_amount(doc, np):
                return np
    return None


def _an_amount(doc: Doc, np: Range) -> bool:
    """``von 10.000 Arbeitsplätzen``, ``von zehn Millionen Euro``: an amount."""
    first = doc[np[0]]
    return first.like_num or first.tag_ == "CARD"


def _subject_before(
    doc: Doc, clause: Clause, finite: int, sent: Sentence
) -> Range | None:
    """``Cutler betonte, dass …``: with nothing between the verb and a comma or
    colon, the subject can only stand before the verb, whatever the tagger made
    of it (a name it did not know, a noun phrase with a relative clause that
    ends the clause before the verb)."""
    nxt = finite + 1
    if nxt >= sent.end or doc[nxt].text not in (",", ":"):
        return None
    vorfeld = _vorfeld(doc, clause)
    start = sent.start
    if vorfeld is not None and doc[vorfeld[0] - 1].text != ",":
        start = vorfeld[0]  # else the clause is a relative clause inside the subject
    while start < finite and g.is_punct(doc[start]):
        start += 1
    rng = g.strip_range(doc, (start, finite))
    a, b = rng
    if b <= a or sent.quote_at(a) is not None or b - a > 25:
        return None
    first = doc[a]
    if (
        not first.text[:1].isupper()
        or first.lower_ in g.PREPOSITIONS
        or first.lower_ in _NOT_SUBJECT_WORDS
        or first.tag_ in ("APPR", "APPRART", "PAV", "PROAV", "KOUS", "PWAV")
        or (b - a == 1 and first.lower_.endswith(_ADVERB_ENDINGS))
    ):
        return None
    if any(
        doc[k].lower_ in _POSTPOSED_CUES or doc[k].tag_ == "APPO" for k in range(a, b)
    ):
        return None
    if any(sent.quote_at(k) is not None for k in range(a, b)) and not g.is_det(first):
        return None
    if clause.opener is not None and doc[clause.opener].lower_ in g.COORDINATORS:
        return None  # "… und erklärte, …": the subject of the clause before
    relative = False
    for k in range(a, b):
        relative |= doc[k].tag_ in ("PRELS", "PRELAT") and doc[k - 1].text == ","
        if g.is_finite(doc[k]) and not relative:
            return None  # a clause of its own, not a noun phrase
    return rng


def _may_be_object(doc: Doc, clause: Clause, source: Range) -> bool:
    """Whether the subject found for a clause after ``und`` may as well be its
    object: ``sie``/``es``, or a noun phrase behind the verb naming nobody
    (``… und fordert eine Rücknahme``)."""
    if source[1] - source[0] == 1 and doc[source[0]].lower_ in ("sie", "es"):
        return True
    return (
        clause.finite is not None
        and source[0] > clause.finite
        and not any(
            g.is_name(doc[k]) or g.is_pronoun(doc[k]) or is_title(doc[k].text)
            for k in range(*source)
        )
    )


def _comma_coordinated(sent: Sentence, clause: Clause, cue: VerbCue) -> bool:
    """``Die UN bestätigten den Zwischenfall, teilten jedoch mit, …``: a clause
    opening with its cue verb right after a comma that follows a main clause
    (not ``…, wird vermutet``: an auxiliary after the claim it reports)."""
    index = sent.clause_index(clause)
    doc = sent.doc
    return (
        index > 0
        and clause.kind == "v1"
        and clause.finite == clause.start == cue.head
        and clause.start > 0
        and doc[clause.start - 1].text == ","
        and sent.clauses[index - 1].kind == "v2"
        and not _has_konjunktiv(doc, sent.clauses[index - 1])  # "…, hieß es"
    )


def _shared_subject(sent: Sentence, clause: Clause) -> Range | None:
    """``Selenskyj sprach von … und teilte … mit``: the subject of the clause before."""
    index = sent.clause_index(clause)
    if index == 0:
        return None
    previous = sent.clauses[index - 1]
    if previous.kind != "v2" or previous.finite is None:
        return None
    if _vorfeld(sent.doc, previous) is None:
        return None
    subject = _vorfeld_subject(previous, sent)
    if subject is not None:
        return subject
    # "Im Januar legte er … nieder und verkündete, …", "Auf Twitter zeigte sich
    # die Bundesregierung bestürzt und verurteilte …": the subject after the verb
    # (the Vorfeld is no subject, so the first noun phrase after the verb is)
    return _first_subject_after(sent.doc, previous.finite + 1, previous.end, None)


def _vorfeld(doc: Doc, clause: Clause) -> Range | None:
    """The tokens before the finite verb of a verb-second clause (no coordinator)."""
    if clause.finite is None:
        return None
    start = clause.start
    if clause.opener is not None and doc[clause.opener].lower_ in g.COORDINATORS:
        start = clause.opener + 1
    while start < clause.finite and g.is_punct(doc[start]):
        start += 1
    if start >= clause.finite:
        return None
    return start, clause.finite


def _dative_np(doc: Doc, np: Range) -> bool:
    """A dative by determiner or pronoun (``dem Sender``, ``ihm``); names show none."""
    first = doc[np[0]]
    if first.lower_ in g.DATIVE_DETS or first.text in g.DATIVE_PRONOUNS:
        return True
    if not g.is_det(first) or first.lower_ == "der":
        return False  # "der" is nominative as often as dative: the tagger cannot tell
    cases = first.morph.get("Case", [])
    return bool(cases) and "Dat" in cases and "Nom" not in cases


#: Determiners of an accusative (or dative plural) noun phrase: never a subject.
_ACCUSATIVE_DETS = frozenset({"den", "einen", "diesen", "seinen", "ihren", "unseren"})


def _first_subject_after(
    doc: Doc, start: int, end: int, cue: VerbCue | None
) -> Range | None:
    """The first noun phrase after ``start`` that can be a subject."""
    i = start
    while i < end:
        token = doc[i]
        if (
            (cue is not None and i in cue.tokens)
            or token.lower_ in g.REFLEXIVE
            or (token.tag_ in _SKIPPABLE and not g.is_noun(token))
        ):
            i += 1
            continue
        if g.is_prep(token) or token.tag_ == "APPO" or token.lower_ == "als":
            i = _skip_pp(doc, i, end)  # "befürchtet als Folge …": no subject
            continue
        if g.is_verb(token) or g.is_punct(token):
            return None
        np = g.noun_phrase(doc, i, end, coordinated=True)
        if np is None:
            i += 1
            continue
        if doc[np[0]].lower_ in _ACCUSATIVE_DETS:
            return None  # "befürchtet einen Abbau": the object, no subject after it
        if _dative_np(doc, np) or (
            np[1] - np[0] == 1 and doc[np[0]].lower_ in _OBJECT_PRONOUNS
        ):
            i = np[1]  # "verurteilte ihn die Regierung": the subject comes after
            continue
        if cue is not None:  # "sprach Merkel von …": the message's preposition
            cut = next(
                (
                    k
                    for k in range(np[0] + 1, np[1])
                    if doc[k].lower_ in cue.entry.preps
                ),
                None,
            )
            if cut is not None:
                np = g.strip_range(doc, (np[0], cut))
        return np
    return None


#: Pronouns that are never a subject.
_OBJECT_PRONOUNS = frozenset(
    {"ihn", "ihm", "mich", "mir", "dich", "dir", "uns", "euch", "ihnen"}
)


def _skip_pp(doc: Doc, i: int, end: int) -> int:
    """The index after a prepositional phrase starting at ``i``."""
    np = g.noun_phrase(doc, i + 1, end)
    return np[1] if np is not None else i + 1


def _roles_in_clause(
    sent: Sentence, cue: VerbCue, candidate: Candidate, lexicon: Lexicon
) -> None:
    """Addressee, medium, topic and evidence inside the cue's clause."""
    doc = sent.doc
    clause = cue.clause
    taken = candidate.tokens("source") | set(cue.tokens)
    i = clause.start
    after_verb = clause.finite if clause.finite is not None else cue.head
    while i < clause.end:
        token = doc[i]
        if i in taken or inside(i, sent.quotes):
            i += 1
            continue
        lower = token.lower_
        if lower in lexicon.word_class("evidence"):
            candidate.evidence.append((i, i + 1))
        elif lower in (
            "dazu",
            "darüber",
            "hierzu",
            "hierüber",
        ) and cue.entry.lemma not in ("sprechen",):
            candidate.topic.append((i, i + 1))
        elif g.is_prep(token) or lower == "gegenüber":
            end = _pp_end(doc, i, clause.end)
            if _is_medium(doc, i, end, lexicon):
                candidate.medium.append((i, end))
                if lower == "gegenüber":
                    candidate.addressee.append((i + 1, end))
                i = end
                continue
            if lower == "gegenüber" or (lower == "an" and cue.entry.takes("an")):
                candidate.addressee.append((i + 1, end))
                i = end
                continue
            if (
                lower in lexicon.word_class("topic_prep")
                and (
                    i < after_verb
                    or (lower == "zu" and cue.entry.lemma in _TOPIC_AFTER)
                )
                and lower not in cue.entry.preps
            ):
                candidate.topic.append((i, end))
                i = end
                continue
            i = end
            continue
        elif (
            i > after_verb
            and (cue.entry.takes("dat") or cue.entry.takes("acc"))
            and not candidate.addressee
            and not g.is_verb(token)
            and not g.is_punct(token)
        ):
            np = g.noun_phrase(doc, i, clause.end)
            if np is not None and g.is_name(doc[np[0]]):
                # "warfen Merkel Betrug vor": the name, not the object after it
                j = np[0]
                while j < np[1] and g.is_name(doc[j]):
                    j += 1
                np = (np[0], j)
            if np is not None and _addressee_ok(doc, np, cue):
                candidate.addressee.append(np)
                if _is_medium(doc, np[0], np[1], lexicon):
                    candidate.medium.append(np)
                i = np[1]
                continue
        i += 1


def _addressee_ok(doc: Doc, np: Range, cue: VerbCue) -> bool:
    first = doc[np[0]]
    if cue.entry.takes("dat"):
        if first.lower_ in g.DATIVE_DETS or first.text in g.DATIVE_PRONOUNS:
            return True
        cases = first.morph.get("Case", [])
        if cases and "Dat" in cases:
            return True
        return g.is_name(first) and np[1] - np[0] <= 3
    if cue.entry.takes("acc"):
        return first.lower_ in (
            "den",
            "einen",
            "ihn",
            "sie",
            "uns",
            "mich",
            "dich",
        ) or g.is_name(first)
    return False


def _pp_end(doc: Doc, i: int, end: int) -> int:
    np = g.noun_phrase(doc, i + 1, end)
    if np is None:
        return i + 1
    j = np[1]
    # "in einem Interview mit der Zeitung X"
    if j < end and doc[j].lower_ == "mit":
        more = g.noun_phrase(doc, j + 1, end)
        if more is not None:
            j = more[1]
    return j


def _is_medium(doc: Doc, start: int, end: int, lexicon: Lexicon) -> bool:
    nouns = lexicon.word_class("medium_noun")
    names = lexicon.word_class("medium_name")
    for k in range(start, end):
        text = doc[k].text
        if text in nouns or lemma_of(text) in nouns or text in names:
            return True
        if k + 1 < end and f"{text} {doc[k + 1].text}" in names:
            return True
    return False


# -- the message -------------------------------------------------------------------


def find_message(
    sent: Sentence, cue: VerbCue, candidate: Candidate, lexicon: Lexicon
) -> tuple[list[Range], str]:
    """The message ranges and the kind they make (direct, indirect, reported)."""
    doc = sent.doc
    clause = cue.clause
    entry = cue.entry
    says = entry.takes("say") or entry.takes("quote")
    index = sent.clause_index(clause)
    # 1. "X sagte: …" — a colon right after the cue clause.
    if says and clause.end < sent.end and doc[clause.end].text == ":":
        rest = g.strip_range(doc, (clause.end + 1, sent.end))
        quote = sent.quote_at(rest[0]) if rest[1] > rest[0] else None
        if quote is not None and quote[1] >= rest[1]:
            return [quote], "direct"
        if rest[1] > rest[0]:
            return [rest], _kind_of(sent, [rest], "indirect")
    # 2. A quotation right after the cue (Er sagte „…“ / postete "…").
    quote = _adjacent_quote(sent, clause, after=True)
    if quote is not None and says:
        return [quote], "direct"
    # 3. A complement clause after the cue clause; with a prepositional frame
    # where the clause holds its correlate (sprach davon, dass …).
    following = sent.clauses[index + 1 :]
    correlated = _correlate(doc, clause, entry.preps)
    if following and (says or entry.takes("zu") or correlated):
        message = _complement(sent, clause, following, entry, correlated=correlated)
        if message:
            return message, _kind_of(sent, message, "indirect")
    # 4. A verb-first cue clause after its message: "Dafür sei …, räumte Rubio ein."
    # (not one opened by "und": "X sprach von … und forderte …" goes on)
    coordinated = (
        clause.opener is not None and doc[clause.opener].lower_ in g.COORDINATORS
    )
    if (says and clause.kind == "v1" and not coordinated) or (
        says and clause.kind == "vl" and doc[clause.start].lower_ == "wie"
    ):
        fronted = _fronted(sent, clause, index)
        if fronted:
            return fronted, _kind_of(sent, fronted, "indirect")
    # 5. A quotation before a verb-first cue clause: „…“, sagte er; or as the
    # whole Vorfeld, without the comma: „…“ erklärte die Ministerin.
    preceding = _adjacent_quote(sent, clause, after=False)
    if preceding is not None and entry.takes("say") and clause.kind == "v1":
        return [preceding], "direct"
    fronted_quote = _quote_vorfeld(sent, clause)
    if fronted_quote is not None and entry.takes("say"):
        return [fronted_quote], "direct"
    # 6. The rest of the clause: a summarised act (drohte Russland mit Sanktionen).
    if entry.preps or entry.takes("obj") or entry.takes("quote") or entry.takes("zu"):
        remainder = _clause_rest(sent, clause, cue, candidate, lexicon)
        if remainder:
            kind = "direct" if _all_quoted(sent, remainder) else "reported"
            return remainder, kind
    return [], "indirect"


def _kind_of(sent: Sentence, message: list[Range], default: str) -> str:
    return "direct" if _all_quoted(sent, message) else default


def _all_quoted(sent: Sentence, message: list[Range]) -> bool:
    """Whether the whole message is one quotation (marks included or not)."""
    tokens = [i for a, b in message for i in range(a, b) if not g.is_punct(sent.doc[i])]
    if not tokens:
        return False
    quote = sent.quote_at(tokens[0])
    return quote is not None and all(quote[0] <= i < quote[1] for i in tokens)


def _quote_vorfeld(sent: Sentence, clause: Clause) -> Range | None:
    """A verb-second clause whose Vorfeld is one quotation and nothing else
    (``„Die Schule hat sich etabliert.“ erklärte die Ministerin``)."""
    if clause.kind != "v2" or clause.finite is None:
        return None
    doc = sent.doc
    for q in sent.quotes:
        a, b = g.outer(doc, q)
        if a == clause.start and all(
            g.is_punct(doc[k]) for k in range(b, clause.finite)
        ):
            return q
    return None


def _adjacent_quote(sent: Sentence, clause: Clause, *, after: bool) -> Range | None:
    """A quotation right after the cue clause (or after its verb), or before it."""
    doc = sent.doc
    if after:
        k = clause.end
        while k < sent.end and doc[k].text in (",", ":"):
            k += 1
        quote = sent.quote_at(k + 1) if k < sent.end else None
        if quote is not None and quote[0] == k + 1:
            return quote
        for q in sent.quotes:
            a = g.outer(doc, q)[0]
            if not (clause.start < a < clause.end) or a <= (
                clause.finite or clause.start
            ):
                continue
            before = doc[a - 1]
            # postete „…“ / sagte nur „…“ / sagte er „…“ — not sprach von „…“
            if g.is_prep(before) or g.is_det(before) or g.is_adj(before):
                continue
            naming = load_lexicon("de").ending_in("naming_ending")
            if g.after_a_titled_noun(doc, q[0], naming):
                continue  # die Zeitschrift „Billboard“: a name
            return q
        return None
    k = clause.start - 1
    while k > sent.start and doc[k].text in (",", "–", "—"):
        k -= 1
    for q in sent.quotes:
        if g.outer(doc, q)[1] - 1 == k:
            return q
    return None


def _correlate(doc: Doc, clause: Clause, preps: Collection[str]) -> bool:
    """Whether the cue clause holds a pronominal adverb of one of its verb's
    prepositions (*davon*, *darüber*), which points at a dass-clause after it."""
    for k in range(clause.start, clause.end):
        if doc[k].tag_ != "PAV":
            continue
        word = doc[k].lower_
        stem = word[3:] if word.startswith("dar") else word[2:]
        if word.startswith("da") and stem in preps:
            return True
    return False


def _complement(
    sent: Sentence,
    clause: Clause,
    following: list[Clause],
    entry: object,
    *,
    correlated: bool = False,
) -> list[Range]:
    """The complement clause(s) after the cue clause, up to the next statement
    (a dass- or ob-clause also where the cue clause holds its ``correlated``
    pronominal adverb)."""
    from sayso.nlp.lexicon import CueEntry

    assert isinstance(entry, CueEntry)
    doc = sent.doc
    first = following[0]
    if first.start > clause.end + 2:
        return []
    opener = doc[first.start].lower_
    ok = False
    if clause.kind == "vl" and doc[clause.start].lower_ == "wie":
        # "Wie der Sprecher mitteilte, wird …": the main clause is the message
        ok = first.kind in ("v1", "v2")
    elif opener in _MESSAGE_OPENERS and opener not in _ADVERBIAL_OPENERS | {"weil"}:
        ok = entry.takes("say") or (correlated and opener in ("dass", "daß", "ob"))
    elif first.kind == "v2" or first.kind == "v1":
        ok = entry.takes("say") and (
            _has_konjunktiv(doc, first)
            or entry.lemma in _PLAIN_SAY
            or first.kind == "v2"
        )
    elif entry.takes("zu") and _is_zu_clause(doc, first):
        ok = True
    elif (
        first.kind == "none"
        and entry.takes("say")
        and any(sent.quote_at(k) is not None for k in range(first.start, first.end))
    ):
        ok = True  # "meinte, der Ehemann „konnte sich nicht abfinden“"
    if (opener in _ADVERBIAL_OPENERS or opener in g.COORDINATORS) and not (
        clause.kind == "vl" and doc[clause.start].lower_ == "wie"
    ):
        ok = False
    if not ok:
        return []
    end = first.end
    for nxt in following[1:]:
        if _new_statement_clause(doc, nxt):
            break
        end = nxt.end
    rng = g.strip_range(doc, (first.start, end))
    return [rng] if rng[1] > rng[0] else []


_PLAIN_SAY = frozenset(
    {
        "sagen",
        "erklären",
        "betonen",
        "mitteilen",
        "berichten",
        "schreiben",
        "meinen",
        "glauben",
        "versichern",
        "behaupten",
        "warnen",
        "antworten",
        "ankündigen",
        "bestätigen",
        "erläutern",
    }
)


def _has_konjunktiv(doc: Doc, clause: Clause) -> bool:
    return any(
        doc[k]._.konjunktiv is not None or "Sub" in doc[k].morph.get("Mood", [])
        for k in range(clause.start, clause.end)
        if g.is_finite(doc[k])
    )


def _is_zu_clause(doc: Doc, clause: Clause) -> bool:
    """A zu-infinitive: ``keine Gebiete zu erobern``, ``einzulenken``, mistagged too."""
    if clause.finite is not None:
        return False
    for k in range(clause.start, clause.end):
        if doc[k].tag_ in ("VVIZU", "PTKZU"):
            return True
        if (
            doc[k].lower_ == "zu"
            and k + 1 < clause.end
            and doc[k + 1].tag_ in ("VVINF", "VAINF")
        ):
            return True
        if _ZU_INFINITIVE.match(doc[k].text) and lemma_of(doc[k].text) != doc[k].text:
            return True  # freizugeben, einzustehen: the tagger often misses these
    return False


_ZU_INFINITIVE = re.compile(
    r"^(ab|an|auf|aus|bei|dar|durch|ein|fest|fort|frei|her|hin|los|mit|nach|vor|weg|"
    r"wieder|zurück|zusammen|bekannt|klar|statt|teil|vorbei|hinzu|heraus|herbei)zu[a-zäöüß]{2,}n$"
)


def _new_statement_clause(doc: Doc, clause: Clause) -> bool:
    """A clause that starts something new: ``und fügte hinzu``, ``sagte er``."""
    if clause.opener is not None and doc[clause.opener].lower_ in g.COORDINATORS:
        return clause.kind in ("v1", "v2") and clause.finite == clause.opener + 1
    return False


def _fronted(sent: Sentence, clause: Clause, index: int) -> list[Range]:
    """The message before a verb-first cue clause, back to the sentence start."""
    doc = sent.doc
    if index == 0:
        return []
    before = sent.clauses[:index]
    first = before[0]
    opener = doc[first.start].lower_
    if opener in _ADVERBIAL_OPENERS and len(before) == 1:
        return []
    start = first.start
    for (
        q
    ) in sent.quotes:  # a quote ending right before: handled as direct by the caller
        if q[0] <= start < q[1]:
            start = q[0]
    rng = g.strip_range(doc, (start, before[-1].end))
    if rng[1] <= rng[0]:
        return []
    quote = sent.quote_at(rng[0])
    if (
        quote is not None
        and quote[0] <= rng[0]
        and rng[1] <= quote[1]
        and len(before) == 1
    ):
        return [quote]  # „Wir kommen.“, sagte sie: the quote as written
    # "Der Abzug, sagte er, werde …": the message goes on after the cue clause.
    ranges = [rng]
    after = sent.clauses[index + 1 :]
    if after and after[0].kind in ("v1",) and before[-1].kind == "none":
        tail = g.strip_range(doc, (after[0].start, sent.end))
        ranges.append(tail)
    return ranges


def _clause_rest(
    sent: Sentence, clause: Clause, cue: VerbCue, candidate: Candidate, lexicon: Lexicon
) -> list[Range]:
    """The cue clause without cue, source, addressee, medium and topic."""
    doc = sent.doc
    skip = set(cue.tokens)
    for role in ("source", "addressee", "medium", "topic", "evidence"):
        skip |= candidate.tokens(role)
    start = (clause.finite if clause.finite is not None else cue.head) + 1
    if clause.kind == "vl":
        start = (clause.opener or clause.start) + 1
    if cue.head < start:
        start = cue.head + 1
    tokens = [
        k
        for k in range(start, clause.end)
        if k not in skip
        and not (
            g.is_verb(doc[k])
            and (g.is_finite(doc[k]) or lemma_of(doc[k].text) in g.AUXILIARIES)
        )
        and doc[k].lower_ not in g.REFLEXIVE
    ]
    # A quote that follows the clause directly belongs to a quote-taking verb.
    while tokens and (doc[tokens[0]].tag_ in _SKIPPABLE or g.is_punct(doc[tokens[0]])):
        if sent.quote_at(tokens[0] + 1) and g.is_punct(doc[tokens[0]]):
            break
        tokens.pop(0)
    while tokens and (
        doc[tokens[-1]].tag_ in _SKIPPABLE or g.is_punct(doc[tokens[-1]])
    ):
        if sent.quote_at(tokens[-1] - 1) and g.is_punct(doc[tokens[-1]]):
            break
        tokens.pop()
    entry = cue.entry
    has_prep = any(doc[k].lower_ in entry.preps for k in tokens)
    if (
        tokens
        and doc[tokens[0]].lower_ in ("von", "über")
        and doc[tokens[0]].lower_ in entry.preps
    ):
        tokens.pop(0)  # sprach von einer historischen Entscheidung
    if not any(
        g.is_noun(doc[k]) or g.is_pronoun(doc[k]) or doc[k].tag_ == "VVIZU"
        for k in tokens
    ):
        return []
    quoted = any(sent.quote_at(k) is not None for k in tokens)
    has_zu = any(doc[k].tag_ in ("VVIZU", "PTKZU") for k in tokens)
    if not (
        entry.takes("obj")
        or (entry.preps and has_prep)
        or (entry.takes("quote") and quoted)
        or (entry.takes("zu") and has_zu)
    ):
        return []
    ranges: list[Range] = []
    for k in tokens:
        if ranges and ranges[-1][1] == k:
            ranges[-1] = (ranges[-1][0], k + 1)
        else:
            ranges.append((k, k + 1))
    # keep the quotation marks around a quoted object together with it
    return ranges


def _no_comment(doc: Doc, clause: Clause, cue: VerbCue) -> bool:
    """``hat sich (dazu) nicht geäußert``: declining, a statement without message."""
    if cue.entry.lemma not in (
        "äußern",
        "kommentieren",
        "sagen",
        "bestätigen",
        "Stellung nehmen",
    ):
        return False
    return any(
        doc[k].tag_ == "PTKNEG" or doc[k].lower_ in ("nicht", "nie")
        for k in range(clause.start, clause.end)
    )


def _negated(doc: Doc, clause: Clause, cue: VerbCue, candidate: Candidate) -> bool:
    """A negation in the cue's clause, outside the message: ``glaube nicht, dass``."""
    message = candidate.tokens("message")
    for k in range(clause.start, clause.end):
        if k in message:
            continue
        if doc[k].tag_ == "PTKNEG" or doc[k].lower_ in (
            "nicht",
            "nie",
            "niemals",
            "keineswegs",
        ):
            return True
    return False


def _hearsay(doc: Doc, clause: Clause, cue: VerbCue, lexicon: Lexicon) -> bool:
    """``soll … gesagt haben``, ``angeblich``: the act is reported as unconfirmed."""
    for k in range(clause.start, clause.end):
        token = doc[k]
        if token.lower_ in lexicon.word_class("hearsay"):
            return True
        if (
            g.is_finite(token)
            and lemma_of(token.text) == "sollen"
            and k != cue.head
            and not g.is_finite(doc[cue.head])
        ):
            return True
    return False


def _confidence(candidate: Candidate) -> float:
    score = 0.6
    if candidate.source:
        score += 0.15
    if candidate.kind == "direct":
        score += 0.1
    if candidate.kind in ("indirect", "direct") and candidate.message:
        score += 0.1
    return round(min(score, 0.95), 2)


# -- prepositional cues -------------------------------------------------------------


def prepositional_statement(
    sent: Sentence, cue: PrepCue, lexicon: Lexicon
) -> Candidate | None:
    """``laut X …``, ``X zufolge …``, ``nach Angaben von X …``, ``„…“, so X``."""
    doc = sent.doc
    covered = set(cue.tokens) | set(range(*cue.source))
    clause = g.clause_at(sent.clauses, cue.tokens[0])
    if cue.rule == "so":
        # the message is everything before ", so X" in the sentence
        end = cue.tokens[0] - 1
        start = sent.start
        rng = g.strip_range(doc, (start, end))
        message = [rng] if rng[1] > rng[0] else []
    else:
        lo, hi = sent.start, sent.end
        if clause is not None:
            # the sentence minus the cue phrase, not into an unrelated clause before it
            lo = _message_start(sent, clause)
        tokens = [k for k in range(lo, hi) if k not in covered]
        message = _ranges(doc, tokens)
    if not message:
        return None
    candidate = Candidate(
        kind="direct" if _all_quoted(sent, message) else "indirect",
        rule=f"prep_{cue.rule}",
        cue=_ranges(doc, list(cue.tokens)),
        source=[cue.source],
        message=message,
        anchor=cue.tokens[0],
    )
    if clause is not None:
        for k in range(clause.start, clause.end):
            if doc[k].lower_ in lexicon.word_class("hearsay"):
                candidate.hearsay = True
    if own_account(doc, cue.source):
        # "Die Feuerwehr hat nach eigenen Angaben …": the subject gave the account
        subject = sentence_subject(sent)
        if subject is not None and not covered.intersection(range(*subject)):
            candidate.mention = subject
    if doc[cue.source[1] - 1].text in lexicon.word_class("anonymous_source"):
        # "dem Vernehmen nach": word going round, nobody in particular
        candidate.source = []
        candidate.hearsay = True
    candidate.confidence = 0.8
    return candidate


def _message_start(sent: Sentence, clause: Clause) -> int:
    """Where the attributed part of a sentence with a prepositional cue starts."""
    index = sent.clause_index(clause)
    start = clause.start
    for previous in reversed(sent.clauses[:index]):
        if (
            previous.kind == "none"
            or sent.doc[previous.start].lower_ in _ADVERBIAL_OPENERS
        ):
            start = previous.start
        else:
            break
    return start


def _ranges(doc: Doc, tokens: list[int]) -> list[Range]:
    ranges: list[Range] = []
    for k in tokens:
        if ranges and ranges[-1][1] == k:
            ranges[-1] = (ranges[-1][0], k + 1)
        else:
            ranges.append((k, k + 1))
    out = []
    for r in ranges:
        s = g.strip_range(doc, r)
        if s[1] > s[0]:
            out.append(s)
    return out
