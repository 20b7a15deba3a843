"""factory-boy factories, one module per app, so every test builds exactly the world it needs.

Import from the app's module (``from tests.factories.people import DoctorFactory``). The
names below are the old single module's, for the rotas tests until the merge rewrites their
imports; then this re-export goes.
"""

from .leave import LeaveRecordFactory
from .organisation import DepartmentFactory, SiteFactory, TrustFactory
from .people import (
    PASSWORD,
    CompetencyFactory,
    DoctorFactory,
    RoleAssignmentFactory,
    UserFactory,
    user_with_role,
)
from .rotas import (
    AssignmentFactory,
    CoverRequirementFactory,
    RotaFactory,
    RotaRequestFactory,
    ShiftTypeFactory,
)

__all__ = [
    "PASSWORD",
    "AssignmentFactory",
    "CompetencyFactory",
    "CoverRequirementFactory",
    "DepartmentFactory",
    "DoctorFactory",
    "LeaveRecordFactory",
    "RoleAssignmentFactory",
    "RotaFactory",
    "RotaRequestFactory",
    "ShiftTypeFactory",
    "SiteFactory",
    "TrustFactory",
    "UserFactory",
    "user_with_role",
]
