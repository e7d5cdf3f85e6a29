from newsdesk.lib import memo
from newsdesk.lib.memo import ProcessMemo


def test_a_process_reads_again_only_when_the_time_is_up_or_it_is_told(monkeypatch):
    clock = [100.0]
    monkeypatch.setattr(memo.time, "monotonic", lambda: clock[0])
    loads = []
    kept = ProcessMemo(lambda: loads.append(len(loads)) or len(loads), seconds=5)
    assert [kept.get(), kept.get()] == [1, 1]
    clock[0] += 5
    assert kept.get() == 2
    kept.forget()
    assert kept.get() == 3 and len(loads) == 3


def test_keyed_values_expire_are_forgotten_and_the_oldest_goes_when_full(monkeypatch):
    from newsdesk.lib.memo import KeyedProcessMemo

    clock = [100.0]
    monkeypatch.setattr(memo.time, "monotonic", lambda: clock[0])
    kept = KeyedProcessMemo(capacity=2)
    kept.put("a", 1, seconds=1)
    kept.put("b", 2, seconds=1)
    kept.put("zero", 0, seconds=0)  # not kept at all
    assert [kept.get("a"), kept.get("b"), kept.get("zero")] == [1, 2, None]
    kept.put("c", 3, seconds=1)  # full: the oldest, "a", makes room
    assert [kept.get("a"), kept.get("b"), kept.get("c")] == [None, 2, 3]
    kept.forget(["b"])
    assert kept.get("b") is None and kept.get("c") == 3
    clock[0] += 1
    assert kept.get("c") is None


def test_a_shared_value_is_read_once_and_forgotten_everywhere():
    from django.core.cache import cache

    from newsdesk.lib.memo import SharedMemo

    loads = []
    shared = SharedMemo(
        key="test:shared", load=lambda: loads.append(1) or len(loads), cache_seconds=60, process_seconds=5
    )
    assert [shared.get(), shared.get()] == [1, 1] and cache.get("test:shared") == 1
    cache.set("test:shared", 7)  # another process's newer value: this one catches up in 5 s
    assert shared.get() == 1
    shared.forget()
    assert cache.get("test:shared") is None and shared.get() == 2


def test_a_bounded_memo_keeps_values_until_newer_ones_need_the_room():
    from newsdesk.lib.memo import BoundedMemo

    kept: BoundedMemo[str, int] = BoundedMemo(capacity=2)
    kept.put("a", 1)
    kept.put("b", 2)
    kept.put("a", 10)  # a new value for a kept key takes no room
    assert [kept.get("a"), kept.get("b"), len(kept)] == [10, 2, 2]
    kept.put("c", 3)  # full: the oldest, "a", makes room, however often it was read
    assert [kept.get("a"), kept.get("b"), kept.get("c")] == [None, 2, 3]
    kept.clear()
    assert kept.get("b") is None and len(kept) == 0
    kept.put("d", 4)  # `get` still reads the memo after a clear
    assert kept.get("d") == 4


def test_a_value_kept_forever_is_read_once_until_forgotten(monkeypatch):
    from newsdesk.lib.memo import FOREVER

    clock = [100.0]
    monkeypatch.setattr(memo.time, "monotonic", lambda: clock[0])
    loads = []
    kept = ProcessMemo(lambda: loads.append(1) or len(loads), seconds=FOREVER)
    clock[0] += 10**9
    assert [kept.get(), kept.get()] == [1, 1]
    kept.forget()
    assert kept.get() == 2
