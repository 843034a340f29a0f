"""`cyclic_gc_paused`: objects made in bulk skip the collector's young generations, and
garbage cycles made meanwhile are still collected."""

from __future__ import annotations

import gc
import weakref

from mkdocs_asyncops.core.bulk import cyclic_gc_paused


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def test_objects_made_while_paused_go_to_the_oldest_generation() -> None:
    assert gc.isenabled()
    with cyclic_gc_paused():
        assert not gc.isenabled()
        made = [[index] for index in range(50_000)]
    assert gc.isenabled()
    # where the collector's young generations would have walked all 50,000 lists once more
    oldest = {id(thing) for thing in gc.get_objects(generation=2)}
    assert all(id(thing) in oldest for thing in (made, made[0], made[-1]))


def test_a_cycle_made_while_paused_is_collected_later() -> None:
    with cyclic_gc_paused():
        one, two = Node(), Node()
        one.other, two.other = two, one
        gone = weakref.ref(one)
        del one, two
    assert gone() is not None  # nothing refers to it but the cycle
    gc.collect()
    assert gone() is None


def test_the_collector_stays_off_when_it_was_off() -> None:
    gc.disable()
    try:
        with cyclic_gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
