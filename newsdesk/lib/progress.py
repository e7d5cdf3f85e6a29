"""A progress bar for long commands (`bench_data`, `search_index --rebuild`).

On a terminal it is redrawn in place; in a log (CI, a cron job's mail) it writes a line at
every tenth, so a million rows make ten lines, not a million.
"""

import sys
import time
from typing import TextIO


class Progress:
    WIDTH = 30

    def __init__(self, label: str, total: int, stream: TextIO | None = None) -> None:
        self.label, self.total, self.done = label, total, 0
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self.on_terminal = self.stream.isatty()
        self._tenth = -1

    def add(self, count: int) -> None:
        self.update(self.done + count)

    def update(self, done: int, total: int | None = None) -> None:
        """`done` of `total` (or of the total given at the start) are done."""
        if total is not None:
            self.total = total
        if self.total and self.done >= self.total:
            return
        self.done = min(self.total, done) if self.total else done
        finished = self.done >= self.total
        tenth = int(10 * self.done / self.total) if self.total else 10
        if not self.on_terminal and tenth == self._tenth and not finished:
            return
        self._tenth = tenth
        elapsed = max(time.monotonic() - self.started, 1e-6)
        filled = int(self.WIDTH * self.done / self.total) if self.total else self.WIDTH
        line = (
            f"{self.label:<14} [{'#' * filled}{'.' * (self.WIDTH - filled)}] {self.done:>11,}/{self.total:,} "
            f"{self.done / elapsed:>9,.0f}/s"
        )
        if finished:
            line += f"  {elapsed:.0f} s"
        self.stream.write(("\r" + line + ("\n" if finished else "")) if self.on_terminal else line + "\n")
        self.stream.flush()
