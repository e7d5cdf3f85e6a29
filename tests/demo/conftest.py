from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

# The demo tests load the edition as if at this moment (Almaty time).
LOADED_AT = datetime(2026, 11, 26, 9, 15, tzinfo=ZoneInfo("Asia/Almaty"))


@pytest.fixture
def time_machine_at_load(monkeypatch):
    """Freeze `timezone.now()` at the load time, so rankings are computed then."""
    monkeypatch.setattr(timezone, "now", lambda: LOADED_AT.astimezone(UTC))
