"""The build date: the date in China (UTC+8), which decides which events and campaigns a build shows.

PORTAL_TODAY=YYYY-MM-DD sets it instead; only the tests use it, to build the same content as on another day.
"""

from __future__ import annotations

import datetime
import os

CHINA = datetime.timezone(datetime.timedelta(hours=8), "Asia/Shanghai")


def today() -> datetime.date:
    override = os.environ.get("PORTAL_TODAY", "").strip()
    if override:
        try:
            return datetime.date.fromisoformat(override)
        except ValueError:
            raise SystemExit(f"PORTAL_TODAY={override!r} is not a date (use YYYY-MM-DD)") from None
    return datetime.datetime.now(CHINA).date()
