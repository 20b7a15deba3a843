"""The scheduling brain: plain typed Python with no Django import.

Later issues add rules, pay, solver, booking and jobplan modules here. Everything takes
and returns plain data, so it runs the same from the web app, the CLI and a worker.
"""
