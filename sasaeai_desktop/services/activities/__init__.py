"""Activities with municipalities: visits, consultations, dispatches, follow-up tasks, their
search and timeline, their Excel logs and printed visit records."""
