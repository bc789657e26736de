"""`python -m generator stations check`: the entries of the directory that need a look, one line each — checked
more than 12 months ago (as the site marks them), or with a phone number that cannot be dialled."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from generator.models import StationFile
from generator.problems import Problem

# As the site marks an entry "may be out of date" (overrides/assets/javascripts/stations.js): over 365 days.
STALE_AFTER = datetime.timedelta(days=365)
# The two-digit-long area codes (010 Beijing, 020–029) are followed by 8 digits; the others (0xxx) by 7 or 8.
_SHORT_AREA = re.compile(r"^0(10|2\d)$")
_LONG_AREA = re.compile(r"^0[3-9]\d\d$")
_SERVICE = re.compile(r"^12\d{3}$")  # 12348, 12333, 12351…: also dialled after an area code (020-12351)


def dial_problem(phone: str) -> str | None:
    """Why a number (one the model accepts) would not connect, or None."""
    digits = phone.replace("-", "")
    if not digits.startswith("0"):
        if len(digits) == 11:
            return None  # 1[3-9] and 11 digits: the model's rule for mobiles
        return None if _SERVICE.match(digits) else f"{phone}: 5-digit service numbers start with 12 (e.g. 12348)"
    if "-" in phone:
        area, local = phone.split("-", 1)
    else:  # 0 + 10 or 2x is a three-digit code; anything else beginning 0 has four
        cut = 3 if _SHORT_AREA.match(digits[:3]) else 4
        area, local = digits[:cut], digits[cut:]
    if _SHORT_AREA.match(area):
        lengths = (8,)
    elif _LONG_AREA.match(area):
        lengths = (7, 8)
    else:
        return f"{phone}: {area} is not an area code (010, 02x, or four digits from 03xx to 09xx)"
    if _SERVICE.match(local):
        return None
    if local[0] in "01":
        return f"{phone}: the number after the area code {area} starts with {local[0]}, which does not dial"
    if len(local) not in lengths:
        wanted = " or ".join(str(n) for n in lengths)
        return f"{phone}: after the area code {area} comes a number of {wanted} digits, not {len(local)}"
    return None


def stale(verified_on: datetime.date, today: datetime.date) -> bool:
    return today - verified_on > STALE_AFTER


def check_directory(guides_src: Path, today: datetime.date) -> tuple[list[str], int, list[Problem]]:
    """The lines to print (one per entry that needs a look), how many entries there are, and the problems that
    stopped the files from being read."""
    from generator.validate import CONTENT_FOLDERS, content_files, read_model

    root = guides_src.resolve().parent
    paths, problems = content_files(guides_src.resolve() / "stations", root, CONTENT_FOLDERS["stations"])
    lines, count = [], 0
    for path in paths:
        source, directory, found = read_model(path, root, StationFile)
        problems.extend(found)
        if directory is None:
            continue
        for i, station in enumerate(directory.stations):
            count += 1
            reasons = []
            if stale(station.verified_on, today):
                reasons.append(f"verified on {station.verified_on}, more than 12 months ago")
            reasons += [problem for problem in map(dial_problem, station.phones) if problem]
            if reasons:
                line, _ = source.locate(("stations", i))
                lines.append(f"{source.path}:{line}: {station.id}: " + "; ".join(reasons))
    return lines, count, sorted(set(problems))
