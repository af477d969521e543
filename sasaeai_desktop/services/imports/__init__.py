"""Excel imports, preview first, then all or nothing.

- planning.py: ``plan_import`` reads a sheet into an ``ImportPlan`` (import_plan.py), with the
  header checks (header_check.py) and the mappings fixed by hand (mappings.py); nothing written.
- applying.py: ``apply_import`` writes a plan in one transaction; errors_copy.py: the
  ``--errors-out`` copy of a book with its problems marked.
- registry.py: the kinds of sheet — municipalities.py, people.py, advisors.py, visits.py,
  consultations.py (and the event kinds of services/trainings/imports.py) — on kind_base.py
  (the rows of plan_rows.py, the cell parsers of parsers.py, the bulk writes of bulk_writes.py).
- values.py, value_columns.py: the controlled values a sheet may hold (「この値は？」).
"""
