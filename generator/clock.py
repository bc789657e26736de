"""The build date: the date in China (UTC+8), which decides which events and campaigns a build shows.

PORTAL_TODAY=YYYY-MM-DD sets it instead; only the tests use it, to build the same content as on another day.
"""

from __future__ import annotations

import datetime
import os
import sys

CHINA = datetime.timezone(datetime.timedelta(hours=8), "Asia/Shanghai")


def today() -> datetime.date:
    override = os.environ.get("PORTAL_TODAY", "").strip()
    if override:
        try:
            return datetime.date.fromisoformat(override)
        except ValueError:
            print(f"PORTAL_TODAY={override!r} is not a date (use YYYY-MM-DD)", file=sys.stderr)
            raise SystemExit(2) from None  # a usage error, like a wrong option
    return datetime.datetime.now(CHINA).date()
