"""Values a process keeps in its own memory for a few seconds.

Some reads are needed by every request (the agency's settings, the menu, the Latin
spelling corrections); even a shared-cache read and unpickling costs more than the rest
of a cheap request. A process keeps such a value a few seconds, so after a change every
process catches up within that time; the process that made the change forgets at once.
"""

import time
from collections.abc import Callable


class ProcessMemo[T]:
    def __init__(self, load: Callable[[], T], seconds: float):
        self._load = load
        self._seconds = seconds
        self._until = 0.0
        self._value: T | None = None

    def get(self) -> T:
        now = time.monotonic()
        if now >= self._until:
            self._value = self._load()
            self._until = now + self._seconds
        return self._value  # type: ignore[return-value]

    def forget(self) -> None:
        self._until = 0.0
        self._value = None


class KeyedProcessMemo[K, V]:
    """Several values by key, each kept `seconds`, at most `capacity` of them.

    Entries are added in time order and all live equally long, so the first one is
    always the oldest: evicting it keeps the memo bounded at no bookkeeping cost.
    """

    def __init__(self, *, capacity: int):
        self._capacity = capacity
        self._entries: dict[K, tuple[float, V]] = {}

    def get(self, key: K) -> V | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        if entry[0] <= time.monotonic():
            self._entries.pop(key, None)
            return None
        return entry[1]

    def put(self, key: K, value: V, seconds: float) -> None:
        if seconds <= 0:
            return
        self._entries.pop(key, None)
        while len(self._entries) >= self._capacity:
            self._entries.pop(next(iter(self._entries)), None)
        self._entries[key] = (time.monotonic() + seconds, value)

    def forget(self, keys) -> None:
        for key in keys:
            self._entries.pop(key, None)

    def clear(self) -> None:
        self._entries.clear()
