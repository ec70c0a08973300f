"""Which library multiplies the networks' matrices, and on how many threads.

The trained networks (the language layer's and the attribution model's) spend
most of their time in float32 matrix products. thinc computes them with BLIS
by default; numpy's OpenBLAS, which every numpy wheel brings, does the same
products about three times as fast on this project's machines (the whole
German pipeline on the parliament path: 4,900 → 7,000 words per CPU second,
``scripts/bench_extract.py``). The two libraries add in different orders, so
figures differ in the last bits of a float: on the news dev texts and the
SpkAtt dev speeches every statement came out the same, one confidence moved
in its third decimal.

- **Prediction** computes with OpenBLAS on one thread per process: sayso
  scales out over processes (one per core), and a second BLAS thread on the
  same core only spins.
- **Training** keeps BLIS, the library the shipped models were trained with,
  so that the training command run again still writes them byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

from thinc.api import use_ops

Library = Literal["blis", "openblas"]

#: What the package's models predict with.
PREDICTION: Library = "openblas"
#: What ``sayso train`` computes with (the shipped weights were made with it).
TRAINING: Library = "blis"


@contextmanager
def computing_with(library: Library) -> Iterator[None]:
    """Networks built (or loaded) inside multiply their matrices with ``library``."""
    with use_ops("numpy", use_blis=library == "blis"):
        yield


@contextmanager
def one_thread() -> Iterator[None]:
    """BLAS libraries limited to one thread for a while (the old limits come back)."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        yield
