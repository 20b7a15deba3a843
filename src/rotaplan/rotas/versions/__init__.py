"""Published rotas change only through versions: each change takes shifts off or puts
shifts on, raises the rota's version, is kept as a ``RotaChange`` (what, who, why) and
tells the doctors whose shifts changed."""
