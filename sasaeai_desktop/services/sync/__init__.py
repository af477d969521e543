"""Sync between laptops by exchanging files: writing one (export.py, enrolment.py), reading one
(importing.py, enrolment.py's join, through incoming.py), what the page shows (status.py,
conflicts.py, history.py, labels.py), this laptop and the others (replica.py, peers.py,
passphrase.py), with the merge, forks, duplicate people, compaction of the change log and
enrolment snapshots they rely on. How it works: docs/sync.md."""
