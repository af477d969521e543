"""The one check of a survey return's values, shared by the dry run, the preview and the real run.

Storing a return goes through ``status.validate`` (n ≤ m of 圏域, ranges …) on the stored values
with the returned ones over them. The dry run used to compare values only, so a return saying
第2層SCを配置した圏域数 5 of 日常生活圏域 3 passed it and was refused only when applied — and the
command still exited 0. ``refusals`` runs that very validation on what applying would store and
names the file and cell of each refused answer; ``collect`` calls it for every return (so the dry
run, the CLI's real run and the window's preview all see the refusal first) and ``apply_plan``
maps a refusal at save time (the user picked another alternative) the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.services.progress import status as st

__all__ = ["Refusal", "PAIRED", "refusals", "refusals_of_error"]

# Fields refused together: a count over the number of 圏域 is wrong in one of the two, and which
# one only the municipality knows, so neither is applied.
PAIRED: dict[str, tuple[str, ...]] = {
    "sc2_placed_areas": ("sc2_placed_areas", "sc2_total_areas"),
    "sc2_total_areas": ("sc2_placed_areas", "sc2_total_areas"),
    "council2_established_areas": ("council2_established_areas", "council2_total_areas"),
    "council2_total_areas": ("council2_established_areas", "council2_total_areas"),
}


@dataclass(frozen=True)
class Refusal:
    key: str  # the field the validation named
    message: str
    keys: tuple[str, ...]  # the fields not applied because of it

    def cell_in(self, answers: Mapping[str, tuple[Any, Any]]) -> Any:
        """The refused answer's cell in one return (``answers``: key → (value, RawCell)), or None.

        A refused field the return did not answer (the stored value is the wrong one) is shown
        at its partner's cell, when that one was answered."""
        return next((answers[k][1] for k in (self.key, *self.keys) if k in answers), None)


def refusals_of_error(exc: ValidationError) -> list[Refusal]:
    """A ValidationError of ``status.validate`` as refusals."""
    return [Refusal(key, message, PAIRED.get(key, (key,))) for key, message in exc.fields.items()]


def refusals(current: Mapping[str, Any], proposed: Mapping[str, Any]) -> list[Refusal]:
    """What ``status.save_status`` would refuse if ``proposed`` were stored over ``current``."""
    if not proposed:
        return []
    merged = dict(current)
    merged.update(proposed)
    try:
        st.validate(merged)
    except ValidationError as exc:
        return refusals_of_error(exc)
    return []
