"""A family of realistic rota problems, drawn by seed, each with a compliant rota planted
in it so that full cover is known to exist (issue 17): what the rota generator is measured
on (``benchmarks/rota_family.py``)."""
