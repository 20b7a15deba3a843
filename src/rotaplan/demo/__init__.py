"""The demo trust: a believable NHS foundation trust, built from a seed.

``rotaplan demo`` fills an empty database so that a newcomer, a tester or a benchmark has
something real-looking to work on: departments with their treatment function codes, doctors
at every grade, published rotas that obey the 2016 contract, leave, and users to sign in as.
The same seed always builds the same trust, so a bug seen on "seed 1" can be seen again.
"""
