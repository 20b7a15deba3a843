"""Cover: the gaps leave, sickness, vacancies and generator shortfalls leave in published
rotas, and how each is filled: a colleague offered the shift, the bank or an agency."""
