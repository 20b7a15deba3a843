"""Rotaplan: medical workforce and clinic scheduling for NHS hospital trusts."""
