"""Training events (研修): events, sessions, registrations, check-in, survey, groups (events.py),
and their files: sign-up and attendance imports, attendance export, printouts, certificate numbers."""
