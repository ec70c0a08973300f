"""Label inventories of the learned attribution model.

Anchor labels (one per token): ``CUE`` marks the first word of a cue, ``CUE_I``
its other words (a separated particle too), ``A_<kind>`` the first message word
of a statement without cue. Role labels (one per token and anchor) follow
ANNOTATION.md's roles.
"""

from __future__ import annotations

from typing import Final

from sayso.model import ROLES

ANCHOR_LABELS: Final = (
    "O",
    "CUE",
    "CUE_I",
    "A_direct",
    "A_indirect",
    "A_reported",
    "A_continuation",
    "A_free_indirect",
)
ROLE_LABELS: Final = (
    "O",
    "CUE",
    "SOURCE",
    "MESSAGE",
    "ADDRESSEE",
    "MEDIUM",
    "TOPIC",
    "EVIDENCE",
)
#: Our role names in the order of ROLE_LABELS[1:] (ANNOTATION.md's, as in sayso.model).
ROLE_NAMES: Final = ROLES
#: The rule roles a token may carry as a feature (same order as ROLE_NAMES).
RULE_ROLES: Final = ROLE_NAMES
#: Where a training text comes from: its annotation conventions differ.
DOMAINS: Final = ("news", "parliament")
#: Roles a domain's corpus does not annotate: "O" there says nothing about them.
UNANNOTATED: Final[dict[str, frozenset[str]]] = {
    "news": frozenset({"MEDIUM", "TOPIC", "EVIDENCE"}),
    "parliament": frozenset(),
}
