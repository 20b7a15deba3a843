"""How each rule is read, in a sentence a coordinator can act on, with the text it rests on.

Where the national wording leaves room, Rotaplan takes the reading a trust's medical
staffing team would defend to the Guardian of Safe Working; every breach carries its
rule's reading as help text, and docs/contract-rules.md gives the reasons at length. Rule
ids are not shown to users; these sentences are.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

READINGS: Mapping[str, str] = MappingProxyType(
    {
        "avg-weekly-hours": (
            "Hours of work averaged over any 26 weeks of the rota, or the whole rota when it "
            "is shorter: the reference period for doctors in training and for hospital work "
            "(Working Time Regulations, reg. 4(5)). On-call periods are not hours of work."
        ),
        "wtr-avg-48h": (
            "Hours of work averaged over any 26 weeks of the rota, or the whole rota when it "
            "is shorter (Working Time Regulations, reg. 4(3) to 4(5), hospital work), unless "
            "the doctor has opted out."
        ),
        "max-72h-in-168h": (
            "Any 168 consecutive hours, starting at any moment. Rotas from before August 2019 "
            "are read the same way: the 2016 text's 'any 7-day period' is rolling, as NHS "
            "Employers and BMA rota guidance (May 2018) reads it."
        ),
        "max-shift-length": (
            "Real elapsed time: a night across the October clock change lasts an hour longer "
            "than the clock on the wall says."
        ),
        "max-consecutive-shifts": (
            "Shifts on consecutive days, on-call periods included. A night belongs to the "
            "night it works, so a night starting at midnight follows the one before it. A run "
            "at the limit (7; 8 before August 2019) is followed by 48 hours' rest."
        ),
        "max-consecutive-long-shifts": (
            "Shifts of more than 10 hours on consecutive days, long nights included. A run at "
            "the limit (4; 5 before August 2019) is followed by 48 hours' rest, or 46 hours "
            "when it ends with a night: the contract gives rest after nights a rule of its "
            "own (Schedule 3)."
        ),
        "max-consecutive-long-evening-shifts": (
            "Rotas from before August 2019: shifts of more than 10 hours that finish after "
            "23:00 and are not nights, at most 4 in a row, then 48 hours' rest. From August "
            "2019 every long shift is limited to 4 in a row."
        ),
        "max-consecutive-nights": (
            "Nights are shifts with at least 3 hours between 23:00 and 06:00. A night that "
            "starts at or after midnight belongs to the night that began the evening before, "
            "so nights starting 23:00 Monday and 00:00 Wednesday are two nights in a row."
        ),
        "rest-after-nights": (
            "46 hours from the end of the last night to the start of the next shift of any "
            "kind, after any run of nights, even one (after 3 or more before August 2019). "
            "A night starting at or after midnight belongs to the night before it."
        ),
        "min-rest-between-shifts": (
            "11 hours of real time from the end of one shift to the start of the next. "
            "On-call periods are excepted."
        ),
        "weekend-frequency": (
            "A weekend is worked when any work or on-call falls between 00:01 Saturday and "
            "23:59 Sunday. A weekend belongs to the rota whose period holds its Saturday, so "
            "four weeks hold four weekends; the same count sets the weekend allowance."
        ),
        "max-on-call-length": (
            "Real elapsed time: 09:00 to 09:00 across the October clock change is 25 hours."
        ),
        "consecutive-on-call": (
            "By the day each period starts. A Saturday period followed by a Sunday one is allowed."
        ),
        "max-on-call-per-7-days": (
            "Any 7 consecutive calendar days. A period counts in every 7 days it falls in, "
            "wholly or in part, so one that began the evening before still counts."
        ),
        "day-after-on-call": (
            "The shift on the day after the day an on-call period starts may last at most 10 hours."
        ),
        "wtr-daily-rest": (
            "11 hours of unbroken rest in every 24 hours (Working Time Regulations, reg. 10). "
            "For doctors in training the hospital derogation (reg. 21) makes a shortfall "
            "compensatory rest due rather than a breach."
        ),
        "wtr-weekly-rest": (
            "In each fortnight from the rota's first day, one rest of 48 hours or two of 24 "
            "hours (Working Time Regulations, reg. 11). For doctors in training the hospital "
            "derogation (reg. 21) makes a shortfall compensatory rest due."
        ),
        "wtr-night-average": (
            "A doctor with any night on the rota is a night worker; their hours are averaged "
            "over any 17 weeks, less one rest day a week (Working Time Regulations, reg. 6). "
            "For doctors in training the hospital derogation (reg. 21) applies instead."
        ),
        "overlapping-shifts": "A doctor cannot work two shifts at once.",
    }
)


def reading_of(rule: str) -> str:
    return READINGS.get(rule, "")
