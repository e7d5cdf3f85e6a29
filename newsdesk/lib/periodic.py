"""Jobs that run every few seconds or minutes in `manage.py worker`.

Each app names its own jobs in a `jobs.py`, imported by its `ready()`:

    @periodic(every=2)
    def counts_flush() -> None: ...

The worker knows no app: it runs whatever is registered, so an app that needs a new
periodic job (polling wires, sending the outbox) touches only itself.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[], object]
    every: float  # seconds between the end of one run and the start of the next
    alone: bool = False  # runs on a thread of its own (it waits on other servers)


_jobs: dict[str, Job] = {}


def periodic(*, every: float, alone: bool = False) -> Callable[[Callable[[], object]], Callable[[], object]]:
    """Register the decorated function as a job run every `every` seconds; `alone` puts
    it on a thread of its own, so that its waits never delay the other jobs."""

    def register(run: Callable[[], object]) -> Callable[[], object]:
        name = f"{run.__module__}.{run.__qualname__}"
        _jobs[name] = Job(name=name, run=run, every=every, alone=alone)
        return run

    return register


def registered_jobs() -> list[Job]:
    """Every registered job, the most frequent first."""
    return sorted(_jobs.values(), key=lambda job: (job.every, job.name))
