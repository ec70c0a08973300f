"""The English attribution rules on sentences of our own, with either language layer.

Each case names the cue of the statement it checks and what its roles must
be; ``layer_name`` runs it on the rule-only fallback (no tags) and on the
shipped ``en_core`` layer (Penn tags).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.en.conftest import by_cue, describe, extract_en, texts

CASES: list[dict[str, Any]] = [
    # -- quotations with a cue before, after or inside -------------------------
    {
        "id": "quote-then-source-cue",
        "text": "“We will not wait another winter,” Whitfield said.",
        "cue": "said",
        "kind": "direct",
        "rule": "rules.en_quote_before",
        "source": ["Whitfield"],
        "message": ["We will not wait another winter"],
    },
    {
        "id": "quote-then-cue-source",
        "text": '"We will not wait another winter," said Mayor Dana Whitfield.',
        "cue": "said",
        "kind": "direct",
        "source": ["Mayor Dana Whitfield"],
        "speaker": "Dana Whitfield",
        "message": ["We will not wait another winter"],
    },
    {
        "id": "straight-single-quotes",
        "text": "'The vote is over,' the senator said.",
        "cue": "said",
        "kind": "direct",
        "source": ["the senator"],
        "message": ["The vote is over"],
    },
    {
        "id": "colon-then-quote",
        "text": 'Whitfield said: "We will not wait another winter."',
        "cue": "said",
        "kind": "direct",
        "rule": "rules.en_quote_after",
        "source": ["Whitfield"],
        "message": ["We will not wait another winter."],
    },
    {
        "id": "comma-then-quote",
        "text": "Okafor told reporters, “I have heard nothing back.”",
        "cue": "told",
        "kind": "direct",
        "source": ["Okafor"],
        "addressee": ["reporters"],
        "message": ["I have heard nothing back."],
    },
    {
        "id": "quote-around-cue",
        "text": "“The state keeps its promises,” Lang said, “but it does not sign "
        "blank checks.”",
        "cue": "said",
        "kind": "direct",
        "rule": "rules.en_quote_around",
        "source": ["Lang"],
        "message": [
            "The state keeps its promises",
            "but it does not sign blank checks.",
        ],
    },
    {
        "id": "quote-of-several-sentences",
        "text": "“We filed everything. We filed it twice,” the mayor said.",
        "cue": "said",
        "kind": "direct",
        "source": ["the mayor"],
        "message": ["We filed everything. We filed it twice"],
    },
    {
        "id": "quote-over-paragraphs",
        "text": "“We filed everything in March.\n\n“We filed it again in May,” "
        "Whitfield said.",
        "cue": "said",
        "kind": "direct",
        "source": ["Whitfield"],
        "message": ["We filed everything in March.\n\n“We filed it again in May"],
    },
    # -- indirect speech ---------------------------------------------------------
    {
        "id": "said-that",
        "text": "Brooks said that the money would run out by spring.",
        "cue": "said",
        "kind": "indirect",
        "rule": "rules.en_that",
        "source": ["Brooks"],
        "message": ["that the money would run out by spring"],
    },
    {
        "id": "said-bare-clause",
        "text": "Brooks said the money would run out by spring.",
        "cue": "said",
        "kind": "indirect",
        "rule": "rules.en_bare_clause",
        "source": ["Brooks"],
        "message": ["the money would run out by spring"],
    },
    {
        "id": "told-addressee-that",
        "text": "Whitfield told reporters on Tuesday that the city had filed "
        "every form.",
        "cue": "told",
        "kind": "indirect",
        "source": ["Whitfield"],
        "addressee": ["reporters"],
        "message": ["that the city had filed every form"],
    },
    {
        "id": "warned",
        "text": "The treasurer warned that the city could not borrow more.",
        "cue": "warned",
        "kind": "indirect",
        "source": ["The treasurer"],
        "message": ["that the city could not borrow more"],
    },
    {
        "id": "argued",
        "text": "Okafor argued the audit would save money.",
        "cue": "argued",
        "kind": "indirect",
        "source": ["Okafor"],
        "message": ["the audit would save money"],
    },
    {
        "id": "claimed",
        "text": "The contractor claimed that the plans had changed twice.",
        "cue": "claimed",
        "kind": "indirect",
        "source": ["The contractor"],
        "message": ["that the plans had changed twice"],
    },
    {
        "id": "parenthetical-after",
        "text": "The bridge will stay closed until spring, the governor said.",
        "cue": "said",
        "kind": "indirect",
        "rule": "rules.en_parenthetical",
        "source": ["the governor"],
        "message": ["The bridge will stay closed until spring"],
    },
    {
        "id": "parenthetical-inside",
        "text": "The bridge, the governor said, will stay closed until spring.",
        "cue": "said",
        "kind": "indirect",
        "rule": "rules.en_parenthetical",
        "source": ["the governor"],
        "message": ["The bridge", "will stay closed until spring"],
    },
    {
        "id": "vowed-to",
        "text": "Okafor vowed to block the budget.",
        "cue": "vowed",
        "kind": "indirect",
        "rule": "rules.en_infinitive",
        "source": ["Okafor"],
        "message": ["to block the budget"],
    },
    {
        "id": "urged-addressee-to",
        "text": "Okafor urged the governor to release the funds.",
        "cue": "urged",
        "kind": "indirect",
        "source": ["Okafor"],
        "addressee": ["the governor"],
        "message": ["to release the funds"],
    },
    # -- according to -------------------------------------------------------------
    {
        "id": "according-to-first",
        "text": "According to the city engineer, the bridge cannot reopen before 2027.",
        "cue": "According to",
        "kind": "indirect",
        "rule": "rules.en_according_to",
        "source": ["the city engineer"],
        "message": ["the bridge cannot reopen before 2027"],
    },
    {
        "id": "according-to-last",
        "text": "The bridge cannot reopen before 2027, according to two engineers.",
        "cue": "according to",
        "kind": "indirect",
        "source": ["two engineers"],
        "message": ["The bridge cannot reopen before 2027"],
    },
    # -- channels ----------------------------------------------------------------
    {
        "id": "interview-with",
        "text": "Lang said in an interview with Channel 5 that the plans came late.",
        "cue": "said",
        "kind": "indirect",
        "medium": ["in an interview with Channel 5"],
        "message": ["that the plans came late"],
    },
    {
        "id": "on-twitter",
        "text": "Okafor wrote on Twitter that the delays were unacceptable.",
        "cue": "wrote",
        "kind": "indirect",
        "medium": ["on Twitter"],
        "message": ["that the delays were unacceptable"],
    },
    # -- summarised acts -----------------------------------------------------------
    {
        "id": "denied",
        "text": "The governor denied the report.",
        "cue": "denied",
        "kind": "reported",
        "rule": "rules.en_object",
        "source": ["The governor"],
        "message": ["the report"],
    },
    {
        "id": "called-for",
        "text": "Okafor called for an independent audit of the project.",
        "cue": "called for",
        "kind": "reported",
        "source": ["Okafor"],
        "message": ["an independent audit of the project"],
    },
    # -- negation and hearsay ------------------------------------------------------
    {
        "id": "did-not-say",
        "text": "Lang did not say when the funds would be released.",
        "cue": "say",
        "kind": "indirect",
        "negated": True,
        "message": ["when the funds would be released"],
    },
    {
        "id": "declined-to-comment",
        "text": "A spokesman for the governor declined to comment.",
        "cue": "declined",
        "kind": "reported",
        "rule": "rules.en_negated",
        "negated": True,
        "source": ["A spokesman for the governor"],
        "message": [],
    },
    {
        "id": "reportedly",
        "text": "The department reportedly told contractors that work would wait.",
        "cue": "told",
        "kind": "indirect",
        "hearsay": True,
        "addressee": ["contractors"],
        "message": ["that work would wait"],
    },
    {
        "id": "is-said-to-have",
        "text": "The governor is said to have told aides that the bridge could wait.",
        "cue": "told",
        "kind": "indirect",
        "hearsay": True,
        "source": ["The governor"],
        "message": ["that the bridge could wait"],
    },
]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_rules_en_pattern(case: dict[str, Any], layer_name: str) -> None:
    found = extract_en(case["text"], layer_name)
    statement = by_cue(found, case["cue"])
    assert statement.kind == case["kind"], describe(found)
    if "rule" in case:
        assert statement.producer.name == case["rule"]
    for role in ("source", "message", "addressee", "medium"):
        if role in case:
            assert texts(statement.spans(role)) == case[role], role
    if "speaker" in case:
        assert statement.speaker == case["speaker"]
    assert statement.negated is case.get("negated", False)
    assert statement.hearsay is case.get("hearsay", False)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Sen. Elizabeth Warren spoke first. “We will not back down,” "
            "Sen. Elizabeth Warren said.",
            "Elizabeth Warren",
        ),
        (
            "Donald Trump arrived late. “I was right,” Mr. Trump said.",
            "Donald Trump",
        ),
        (
            "“The state keeps its promises,” said Gov. Robert Lang. "
            "“We are ready,” the governor said.",
            "Robert Lang",
        ),
    ],
    ids=["title-dropped", "mr-completed", "the-governor"],
)
def test_rules_en_speaker_names(text: str, speaker: str, layer_name: str) -> None:
    found = extract_en(text, layer_name)
    assert found, "no statement"
    assert found[-1].speaker == speaker


@pytest.mark.parametrize(
    ("text", "pronoun_speaker"),
    [
        (
            "Elizabeth Warren said the vote was rigged. “We will fight it,” she said.",
            "Elizabeth Warren",
        ),
        (
            "Donald Trump said the vote was fair. Elizabeth Warren said it was "
            "rigged. “I won,” he said.",
            "Donald Trump",
        ),
        (
            "Ms. Okafor said the audit was needed. Mr. Lang said it was not. "
            "She said she would insist.",
            "Okafor",
        ),
    ],
    ids=["nearest", "gender-by-first-name", "gender-by-title"],
)
def test_rules_en_pronoun_resolves(
    text: str, pronoun_speaker: str, layer_name: str
) -> None:
    found = extract_en(text, layer_name)
    last = found[-1]
    assert texts(last.source)[0].lower() in ("she", "he")
    assert last.speaker == pronoun_speaker


def test_rules_en_relative_source(layer_name: str) -> None:
    found = extract_en(
        "The bill was backed by Sen. Maria Okafor, who said it would pass.",
        layer_name,
    )
    statement = by_cue(found, "said")
    assert texts(statement.source) == ["who"]
    assert statement.speaker == "Maria Okafor"


def test_rules_en_coordinated_sources(layer_name: str) -> None:
    found = extract_en(
        "Alan Brooks and Ruth Mendez said the city had set money aside.", layer_name
    )
    statement = by_cue(found, "said")
    assert statement.speaker == ("Alan Brooks", "Ruth Mendez")


def test_rules_en_participle_shares_subject(layer_name: str) -> None:
    found = extract_en(
        "Brooks warned that the money would run out, adding that the city "
        "could not borrow more.",
        layer_name,
    )
    adding = by_cue(found, "adding")
    assert texts(adding.source) == ["Brooks"]
    assert texts(adding.message) == ["that the city could not borrow more"]
    assert texts(by_cue(found, "warned").message) == ["that the money would run out"]


def test_rules_en_nesting_by_containment(layer_name: str) -> None:
    found = extract_en(
        "Whitfield said Lang had promised the money in a letter.", layer_name
    )
    outer = by_cue(found, "said")
    inner = by_cue(found, "promised")
    assert inner.parent == outer.id
    assert texts(inner.message) == ["the money"]
    assert texts(inner.medium) == ["in a letter"]


def test_rules_en_quote_standing_alone_continues(layer_name: str) -> None:
    found = extract_en(
        "“We asked three weeks ago,” Okafor said. “We have heard nothing back.”",
        layer_name,
    )
    assert len(found) == 1, describe(found)
    assert texts(found[0].message) == [
        "We asked three weeks ago",
        "We have heard nothing back.",
    ]


def test_rules_en_headline(layer_name: str) -> None:
    found = extract_en(
        "Whitfield: Bridge money must come now\n\nThe mayor spoke on Tuesday.",
        layer_name,
    )
    (headline,) = found
    assert headline.kind == "headline"
    assert texts(headline.source) == ["Whitfield"]
    assert texts(headline.message) == ["Bridge money must come now"]


def test_rules_en_transcript_and_dash(layer_name: str) -> None:
    found = extract_en(
        "A partial transcript follows.\n\nHOST: Will the bridge open this year?\n\n"
        "“It will not open before spring.” ― Dana Whitfield\n",
        layer_name,
    )
    rules = {s.producer.name: s for s in found}
    assert texts(rules["rules.en_transcript"].source) == ["HOST"]
    signed = rules["rules.en_quote_dash"]
    assert signed.speaker == "Dana Whitfield"
    assert texts(signed.message) == ["It will not open before spring."]


def test_rules_en_free_indirect_hearsay(layer_name: str) -> None:
    (statement,) = extract_en("The talks reportedly collapsed on Friday.", layer_name)
    assert statement.kind == "free_indirect"
    assert statement.hearsay
    assert statement.speaker is None


@pytest.mark.parametrize(
    "text",
    [
        "The bridge was closed in March.",
        "The report said nothing.",
        "Said nothing.",
        '"Unbalanced, he said.',
        "",
        "“",
    ],
)
def test_rules_en_no_statement_no_error(text: str, layer_name: str) -> None:
    found = extract_en(text, layer_name)
    for statement in found:
        assert statement.producer.name.startswith("rules.en_")
