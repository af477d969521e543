"""Sync between laptops by exchanging files (exchange.py), with the merge, forks, duplicate people,
compaction of the change log and enrolment snapshots it relies on."""
