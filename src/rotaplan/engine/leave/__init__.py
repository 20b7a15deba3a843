"""Leave arithmetic without Django: entitlements from the national figures, working days."""
