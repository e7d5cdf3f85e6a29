"""Values a process keeps in its own memory: every per-process cache is one of these.

Some reads are needed by every request (the agency's settings, the menu, the Latin
spelling corrections); even a shared-cache read and unpickling costs more than the rest
of a cheap request. A process keeps such a value a few seconds, so after a change every
process catches up within that time; the process that made the change forgets at once.

Four kinds, so that the table of caches (docs/architecture.md) can say what each holds, how long, and
what clears it:

- `ProcessMemo`: one value, read again after `seconds` (`FOREVER`: read once);
- `SharedMemo`: one value through the shared cache, kept by each process a few seconds;
- `KeyedProcessMemo`: values by key, each kept some seconds, at most `capacity`;
- `BoundedMemo`: values by key that never go stale, at most `capacity`.
"""

import math
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable

from django.core.cache import cache

# For a value that cannot change while the process runs (the tz database, a connection).
FOREVER = math.inf


class ProcessMemo[T]:
    """One value, loaded on first use and again once `seconds` have passed or it is forgotten."""

    def __init__(self, load: Callable[[], T], seconds: float) -> None:
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

    def __init__(self, *, key: str, load: Callable[[], T], cache_seconds: int, process_seconds: float) -> None:
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

    def __init__(self, *, capacity: int) -> None:
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


class BoundedMemo[K, V]:
    """Values by key that never go stale, at most `capacity` of them.

    For values the key fully decides (a teaser keyed by everything it shows, a verdict on
    a user agent): nothing needs to clear them, only memory bounds them. When full, the
    oldest entry makes room; one still in use is simply made again and kept as new.

    `get` is the dictionary's own method, not a Python function around it: a page reads
    dozens of teasers, and a hit costs what a dictionary read costs. None means "not kept",
    so None itself cannot be kept.
    """

    def __init__(self, *, capacity: int) -> None:
        self._capacity = capacity
        self._entries: OrderedDict[K, V] = OrderedDict()
        self.get: Callable[[K], V | None] = self._entries.get

    def put(self, key: K, value: V) -> None:
        entries = self._entries
        if key not in entries and len(entries) >= self._capacity:
            entries.popitem(last=False)
        entries[key] = value

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        self._entries.clear()  # the same dictionary: `get` stays bound to it
