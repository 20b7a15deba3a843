"""The demo trust, its three hospitals and its departments.

The trust and its hospitals are invented (Casterbridge, Melchester and Sandbourne are
Thomas Hardy's names for Dorchester, Salisbury and Bournemouth), so nobody mistakes the
demo for a real organisation. Their ODS codes have the real shape, a trust's three
characters beginning with R and a site's five, under an RZ prefix. The treatment function
codes are the real ones from the NHS Data Dictionary, so reports group the way a trust's do.
"""

from __future__ import annotations

from dataclasses import dataclass

from rotaplan.organisation.models import Department, Site, Trust

TRUST_NAME = "Casterbridge and Melchester Hospitals NHS Foundation Trust"
TRUST_ODS_CODE = "RZC"

# Hospital name and ODS site code; the first is the main acute hospital.
SITES: tuple[tuple[str, str], ...] = (
    ("Casterbridge General Hospital", "RZC01"),
    ("Melchester District Hospital", "RZC02"),
    ("Sandbourne Orthopaedic Centre", "RZC03"),
)


@dataclass(frozen=True)
class DepartmentSpec:
    code: str
    name: str
    treatment_function_code: str
    site: int  # index into SITES
    weight: float  # relative share of the trust's doctors


# Acute medicine runs the demo's 24/7 junior rota, so it is the largest department: its
# weight gives it about 30 of the 86 doctors in training at the default 120 doctors.
DEPARTMENTS: tuple[DepartmentSpec, ...] = (
    DepartmentSpec("acute-medicine", "Acute medicine", "326", 0, 3.6),
    DepartmentSpec("emergency-medicine", "Emergency medicine", "180", 0, 1.4),
    DepartmentSpec("cardiology", "Cardiology", "320", 0, 0.9),
    DepartmentSpec("respiratory-medicine", "Respiratory medicine", "340", 1, 0.8),
    DepartmentSpec("gastroenterology", "Gastroenterology", "301", 1, 0.8),
    DepartmentSpec("geriatric-medicine", "Geriatric medicine", "430", 1, 1.0),
    DepartmentSpec("general-surgery", "General surgery", "100", 0, 1.1),
    DepartmentSpec("trauma-orthopaedics", "Trauma and orthopaedics", "110", 2, 1.0),
    DepartmentSpec("anaesthetics", "Anaesthetics", "190", 0, 1.1),
    DepartmentSpec("paediatrics", "Paediatrics", "420", 0, 1.0),
    DepartmentSpec("obstetrics", "Obstetrics", "501", 1, 0.9),
)

ACUTE_MEDICINE = "acute-medicine"


def create_organisation() -> tuple[Trust, list[Site], dict[str, Department]]:
    """The trust, its sites, and its departments keyed by department code."""
    trust = Trust.objects.bulk_create([Trust(name=TRUST_NAME, ods_code=TRUST_ODS_CODE)])[0]
    sites = Site.objects.bulk_create(
        [Site(trust=trust, name=name, ods_code=code) for name, code in SITES]
    )
    departments = Department.objects.bulk_create(
        [
            Department(
                trust=trust,
                site=sites[spec.site],
                name=spec.name,
                code=spec.code,
                treatment_function_code=spec.treatment_function_code,
            )
            for spec in DEPARTMENTS
        ]
    )
    return trust, sites, {d.code: d for d in departments}
