"""Making many objects at once, fast."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["cyclic_gc_paused"]


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a handbook's objects are made in bulk.

    Documents, relations and table rows hold no reference cycles to collect, and the
    collector would walk the ever larger heap again and again: for an organisation's 40,000
    records, over half of the time of reading them and of rendering the pages. Objects still go
    as soon as nothing refers to them; cycles made meanwhile wait for the collector's next full
    run. The objects made are moved to the oldest generation (`freeze` then `unfreeze`), as
    the collector would move them after walking them all once more: without, its next run
    after the pause walks every one of them (about 0.9 s for those 40,000 records). Nothing
    stays frozen (so a `gc.freeze()` made before, which neither MkDocs nor this package makes,
    would be undone).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
