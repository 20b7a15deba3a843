"""Clinic templates, the sessions generated from them, what happens to a session when its
clinician is away (cancelled, reduced or backfilled), and the rebooking list."""
