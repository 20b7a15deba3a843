"""Generating a draft rota for a department in the background.

``problem`` turns the department's doctors, shift types, cover requirements, leave and
doctors' requests into the solver's ``RotaProblem``; ``services`` starts, cancels and runs a
``GenerationRun`` (the task the worker runs), saving a new draft rota on success and
touching no existing rota otherwise; ``summary`` keeps what the solver said about gaps,
requests and fairness as JSON on the run. The solver itself is ``rotaplan.engine.solver``:
it is only ever called from the worker, never while a page waits.
"""
