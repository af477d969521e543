"""Use cases. They take a unit of work and return plain data, never ORM rows.

One package per area (imports/, trainings/, activities/, progress/, advisors/, sync/); at this
level what several areas share (setup, municipalities, people, listing, exports, backups …) and
the office's settings (settings.py)."""
