"""Job plan arithmetic: programmed activities (PAs) from a timetable, exactly as the
consultant (2003) and SAS (2021) contracts define them, with the warnings a job planning
meeting needs. Pure Python: the jobplans app, the CLI and the benchmarks call it alike."""
