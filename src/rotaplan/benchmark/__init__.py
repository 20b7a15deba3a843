"""Benchmarks that measure Rotaplan's solver against published problems, kept out of the
engine: they share its constraint builders (``rotaplan.engine.solver.builders``) and nothing
else, and the engine imports nothing from here."""
