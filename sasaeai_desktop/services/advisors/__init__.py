"""The advisor roster (roster.py) and the handout printed from it (handout.py)."""
