"""Telling people what changed for them: leave decisions, offers of extra shifts, swaps and
changes to a published rota. Kept as rows (a doctor's inbox) and sent through the
backends in ``settings.ROTAPLAN_NOTIFICATION_BACKENDS`` once the change is committed."""
