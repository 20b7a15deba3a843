"""Consultants' and SAS doctors' job plans: activities in programmed activities, on-call,
and the sign-off from draft to signed by the clinical director."""
