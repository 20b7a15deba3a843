"""A signed-in user's own account: changing their password."""
