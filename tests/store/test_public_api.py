"""``sayso.store`` and ``sayso.Store``: the public names are the listed ones."""

from __future__ import annotations

import types

import sayso
import sayso.store


def test_store_all_lists_the_public_names() -> None:
    public = {
        name
        for name, value in vars(sayso.store).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and name != "annotations"
    }
    assert public == set(sayso.store.__all__)


def test_store_is_reachable_from_the_package() -> None:
    assert sayso.Store is sayso.store.Store
    assert "Store" in sayso.__all__
