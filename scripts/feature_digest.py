#!/usr/bin/env python3
"""A digest of what the learned attribution model sees of the speeches.

Usage: .venv/bin/python scripts/feature_digest.py [SPKATT_DIR]

SPKATT_DIR defaults to ../shared/data/spkatt-2023-task1/data (its train and
dev task-1 folders are read). Every speech goes through the language layer
and the rules, as in training; the digest covers the model's token features,
sentence, clause and quotation arrays and the rules' statements by anchor.

Why: the shipped model must be what ``sayso train attribution`` makes from
the commit it ships with. A rule change that leaves this digest as it was
leaves the model's training data as it was, so the shipped model stays
reproducible; one that changes it needs a retraining. Run it before and
after a rule change. A developer's check, not a test: it takes about 20
seconds on one core.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "spkatt-2023-task1" / "data"


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    splits = [folder / split / "task1" for split in ("train", "dev")]
    missing = [str(s) for s in splits if not s.is_dir()]
    if missing:
        print(
            f"feature_digest: {', '.join(missing)} not found; give the SpkAtt-2023 "
            "data folder (the one holding train/task1 and dev/task1)",
            file=sys.stderr,
        )
        return 2
    from sayso.corpora.spkatt import read_spkatt_split
    from sayso.nlp.learned.examples import prepare_doc
    from sayso.nlp.pipeline import load_nlp

    nlp = load_nlp("de")
    names = [name for name, _ in nlp.pipeline if name != "sayso_attribution"]
    texts = [speech.text for split in splits for speech in read_spkatt_split(split)]
    digest = hashlib.sha256()
    with nlp.select_pipes(enable=names):
        for doc in nlp.pipe(texts, batch_size=8):
            found = prepare_doc(doc, "parliament")
            for array in (
                found.tokens,
                found.sentence,
                found.clause,
                found.quote,
                found.rule_roles,
                found.sentence_starts,
            ):
                digest.update(array.tobytes())
            for anchor in sorted(found.rules):
                c = found.rules[anchor]
                roles = (c.kind, c.cue, c.source, c.message, c.addressee)
                digest.update(repr((anchor, *roles, c.medium, c.topic)).encode())
                digest.update(repr(c.evidence).encode())
    print(f"{digest.hexdigest()[:16]}  ({len(texts)} speeches)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
