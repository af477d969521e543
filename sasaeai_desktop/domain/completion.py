"""Who completed a training event, by how its sessions relate (vocab.SESSION_STRUCTURES).

Plain rules over session ids, so the service and the tests share one reading:

- course: every required session attended (all sessions when none is marked required). Which
  session a registration happens to be tied to does not matter: registering for day 1 only does
  not make day 1 the whole course.
- alternatives: one required session attended, or the session the person registered for (one
  date is the whole course).
- series: no completion of the whole; each attended session is a unit of its own, certified
  by a 受講証明 that names the sessions.
"""

from __future__ import annotations

from collections.abc import Collection
from collections.abc import Sequence
from dataclasses import dataclass

COURSE = "course"
ALTERNATIVES = "alternatives"
SERIES = "series"


@dataclass(frozen=True)
class SessionRef:
    id: str
    required: bool = True


def required_ids(sessions: Sequence[SessionRef]) -> list[str]:
    """The sessions that count: the required ones, or all when none is marked required."""
    return [s.id for s in sessions if s.required] or [s.id for s in sessions]


def completed(structure: str, sessions: Sequence[SessionRef], attended: Collection[str],
              tied: Collection[str] = ()) -> bool:
    """Whether someone who attended ``attended`` (session ids) completed the whole event.

    ``tied``: the sessions the person's registrations name (empty for the whole event). For a
    series this is always False: there is no whole to complete.
    """
    need = required_ids(sessions)
    if not need:
        return False
    if structure == ALTERNATIVES:
        return any(sid in attended for sid in (*need, *tied))
    if structure == SERIES:
        return False
    return all(sid in attended for sid in need)


def attended_units(sessions: Sequence[SessionRef], attended: Collection[str]) -> list[str]:
    """The sessions (in event order) a series certificate names."""
    return [s.id for s in sessions if s.id in attended]
