"""What a department sets for its leave, on its own pages: the leave policy (notice, the
leave year), minimum staffing, and each doctor's entitlement record for a leave year.
Its coordinators (and medical staffing) change them; its service managers read them."""
