"""CP-SAT rota generation: a shift grid, generic rule builders, and model adapters.

The builders in :mod:`.builders` serve both the NHS rotas and the Curtois & Qu benchmark
(``rotaplan.benchmark.nrp.model``), so improving one improves the other.
"""
