"""Warnings about a dependency that is down, at most once in a while.

While Redis is unreachable every beacon and every page would otherwise log the same
line, burying whatever else the log has to say.
"""

import logging
import time


class NowAndThen:
    """Passes a warning on to `logger` at most once per `seconds`; the rest are dropped."""

    def __init__(self, logger: logging.Logger, seconds: float = 30) -> None:
        self._logger = logger
        self._seconds = seconds
        self._last = -seconds

    def warning(self, message: str, *args: object) -> None:
        now = time.monotonic()
        if now - self._last >= self._seconds:
            self._last = now
            self._logger.warning(message, *args)
