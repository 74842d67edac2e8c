"""The examples of docs/*.md run from the project's root, as a reader runs them."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _from_the_root(monkeypatch):
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
