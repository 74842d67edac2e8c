"""Pausing Python's cyclic garbage collector while a load makes millions of objects."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["gc_paused"]

_MANY_OBJECTS = 100_000  # made during a load: then they skip the young collections


@contextlib.contextmanager
def gc_paused(freeze: bool = False) -> Iterator[None]:
    """Pause CPython's cyclic garbage collector while a load makes millions of objects.

    The collector would otherwise run again and again, each time walking every object made so
    far (for a large file it took more time than the loading itself), to find no garbage:
    loading makes no reference cycles. Reference counting still frees memory as usual, and
    the collector is enabled again on the way out (if it was enabled on the way in).

    On the way out, when many objects were made (a large load), they are moved straight to
    the collector's oldest generation (``gc.freeze()`` then ``gc.unfreeze()``), where they are
    still collected, but not walked by the next young collections (unless some objects were
    frozen before: then that is left alone). With ``freeze`` they are moved out of its sight
    instead (only ``gc.freeze()``; ``gc.unfreeze()`` undoes it): for a command-line run, that
    keeps its dataset to the end.

    >>> import gc
    >>> with gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled(), gc.get_freeze_count()
    (True, 0)
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if freeze:
                gc.freeze()
            elif gc.get_count()[0] > _MANY_OBJECTS and gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
