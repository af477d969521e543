"""Excel imports: the engine (engine.py: preview, then all or nothing), the kinds of sheet it
reads (kinds.py: the registry and each kind; activities.py: visit and consultation logs) and the
controlled values a sheet may hold (values.py, value_columns.py)."""
