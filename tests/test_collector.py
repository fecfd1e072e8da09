"""The garbage collector helpers leave the collector as they found it."""

import gc

from geo.collector import collector_paused, frozen_as_it_grows


def test_collector_paused_restores_the_collector():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # off before, off after
    finally:
        gc.enable()


def test_frozen_as_it_grows_freezes_every_n_steps_and_unfreezes():
    kept = []
    with frozen_as_it_grows(every=2) as grew:
        kept.append([object()])
        grew()
        assert gc.get_freeze_count() == 0
        grew()
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
