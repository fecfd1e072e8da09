"""The two places where geo steers Python's cyclic garbage collector, and why.

Neither changes what is computed, only how often the collector scans:

- :func:`collector_paused`: loading the gazetteer builds tens of thousands of
  small objects, none of them cyclic garbage; a collection in the middle
  would only scan them again and again (the load takes about a quarter
  longer without the pause).
- :func:`frozen_as_it_grows`: what the merger holds during a run lives to
  its end; moving it out of the collector's sight now and then keeps full
  collections from rescanning millions of objects, so a run does not slow
  down as the corpus grows.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = ["FREEZE_EVERY", "collector_paused", "frozen_as_it_grows"]

#: Articles between two :func:`gc.freeze` calls in :func:`frozen_as_it_grows`.
FREEZE_EVERY = 200


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector while building long-lived, acyclic data.

    The collector is switched back on at the end only if it was on at the
    start.

    Yields
    ------
    None
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


@contextmanager
def frozen_as_it_grows(every: int = FREEZE_EVERY) -> Iterator[Callable[[], None]]:
    """Freeze what has been kept every ``every`` steps; unfreeze at the end.

    Parameters
    ----------
    every : int, default FREEZE_EVERY
        Steps (articles) between two :func:`gc.freeze` calls.

    Yields
    ------
    callable
        To call once per step (article added to the merger).
    """
    count = 0

    def grew() -> None:
        nonlocal count
        count += 1
        if count % every == 0:
            gc.freeze()

    try:
        yield grew
    finally:
        gc.unfreeze()
