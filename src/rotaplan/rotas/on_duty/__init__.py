"""Who is on now and who is on next in each department: the first question of a
coordinator's or a site manager's day, with how to reach them."""
