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
