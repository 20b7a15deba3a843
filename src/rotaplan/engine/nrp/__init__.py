"""The Curtois & Qu nurse rostering benchmark (instances 1 to 24): reading, writing, checking.

Groundwork for ``rotaplan bench nrp``. Pure Python: no Django, no solver.
"""
