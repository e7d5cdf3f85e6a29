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
