"""What the fault tests ask of the answers a load got, and of what ended up stored."""

import json

from tests.faults.load import Answer, Load, describe, edit_body, edit_title, saved


def unavailable(answer: Answer) -> bool:
    """A designed 503: the service is back in a moment, says Retry-After."""
    return answer.status == 503 and answer.headers.get("Retry-After", "").isdigit()


def assert_views_stored_once(load: Load, stored: dict) -> int:
    """Every beacon answered, 200 or a designed 503; the views stored are those answered as
    counted and those the answer could not tell about (sent to a silent Redis: the worker
    sent them again), each once."""
    beacons = load.of("beacon")
    odd = [describe(a) for a in beacons if a.status != 200 and not unavailable(a)]
    assert not odd, odd[:10]
    unknown = [a for a in beacons if a.status == 503 and a.text.startswith("{")]
    assert all(json.loads(a.body) == {"views": None, "counted": None} for a in unknown)
    counted = load.counted()
    views = {name: stored[name] for name in ("total", "hours", "days")}
    assert views == dict.fromkeys(views, counted + len(unknown)), (
        f"stored {views}, {stored['flushed']} of them through Redis; {counted} answered as counted, "
        f"{len(unknown)} unknown, {len(beacons) - counted - len(unknown)} not counted"
    )
    return counted


def assert_edits_kept(load: Load, stored: dict, *, first_version: int) -> list[int]:
    """Every save answered as done is in the story and its revisions; every other one
    answered the 503 page that says it may not be saved, or the form with the text kept
    and the reason it was not saved. The numbers of the edits stored."""
    edits = load.of("edit")
    failed = [a for a in edits if not saved(a)]
    told = [a for a in failed if unavailable(a) and "may not have been saved" in a.text]
    stale = [a for a in failed if a.status == 200 and "after you opened it" in a.text and edit_title(a.label) in a.text]
    assert len(told) + len(stale) == len(failed), [describe(a) for a in failed]
    revisions = {(r["title"], r["body"]) for r in stored["revisions"]}
    assert {(edit_title(a.label), edit_body(a.label)) for a in edits if saved(a)} <= revisions
    kept = [a.label for a in edits if (edit_title(a.label), edit_body(a.label)) in revisions]
    last = max(kept)
    assert (stored["draft"]["title"], stored["draft"]["body"]) == (edit_title(last), edit_body(last))
    # One revision and one version more for each edit stored, and none for anything else.
    assert len(stored["revisions"]) == len(kept) + 1
    assert stored["draft"]["version"] == first_version + len(kept)
    return kept
