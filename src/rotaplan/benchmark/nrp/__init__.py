"""The Curtois & Qu nurse rostering benchmark (instances 1 to 24), behind ``rotaplan bench
nrp``: reading instances (``instance``) and rosters (``solution``), the independent checker
(``evaluate``), and the CP-SAT solver built from the engine's builders (``model``, with a
first roster from ``heuristic`` and improvement by ``lns``), judged against ``best_known``.

Pure Python, no Django. The engine's ``solver.search_clock`` says how a search counts its
time: wall-clock seconds for the command, which measures speed, and CP-SAT's deterministic
time for the tests, so that their outcome does not depend on how busy the machine is.
"""
