"""Values a process keeps in its own memory for a few seconds.

Some reads are needed by every request (the agency's settings, the menu, the Latin
spelling corrections); even a shared-cache read and unpickling costs more than the rest
of a cheap request. A process keeps such a value a few seconds, so after a change every
process catches up within that time; the process that made the change forgets at once.
"""

import time
from collections.abc import Callable, Iterable

from django.core.cache import cache


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
        return self._value  # type: ignore[return-value]  # just loaded if it was forgotten

    def forget(self) -> None:
        self._until = 0.0
        self._value = None


class SharedMemo[T]:
    """A value read through the shared cache, and kept by each process for a few seconds.

    `forget()` drops it here at once and deletes the shared key, so that every other
    process reads it afresh within `process_seconds`.
    """

    def __init__(self, *, key: str, load: Callable[[], T], cache_seconds: int, process_seconds: float):
        self._key = key
        self._load = load
        self._cache_seconds = cache_seconds
        self._memo = ProcessMemo(self._read, seconds=process_seconds)

    def _read(self) -> T:
        value = cache.get(self._key)
        if value is None:
            value = self._load()
            cache.set(self._key, value, self._cache_seconds)
        return value

    def get(self) -> T:
        return self._memo.get()

    def forget(self) -> None:
        self._memo.forget()
        cache.delete(self._key)


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

    def forget(self, keys: Iterable[K]) -> None:
        for key in keys:
            self._entries.pop(key, None)

    def clear(self) -> None:
        self._entries.clear()
