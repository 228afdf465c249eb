"""Pause Python's cyclic garbage collector while building many objects.

Loading a vault creates millions of tuples and strings and no reference cycles. The collector
still walks every live object again and again as they pile up, which made a 50,000-note check
take twice as long; reference counting frees everything these objects need.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def quiet_gc() -> None:
    """For a worker process, for good: it builds acyclic objects only, and the collector would
    keep walking the vault index it inherited (touching its pages also copies them)."""
    gc.freeze()
    gc.disable()
