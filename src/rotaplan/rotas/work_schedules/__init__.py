"""A doctor in training's work schedule for a rota: built in ``schedule``, whose a user may
read in ``selectors``, what it says in ``presenters``, as a PDF in ``pdf``, and the page and
downloads in ``views``. Other areas (a doctor's record, ``GET /api/.../work-schedule``) ask
for it here."""

from .schedule import NotInTraining, WorkSchedule, pay_dict, work_schedule
from .selectors import work_schedule_rotas, work_schedule_subject

__all__ = [
    "NotInTraining",
    "WorkSchedule",
    "pay_dict",
    "work_schedule",
    "work_schedule_rotas",
    "work_schedule_subject",
]
