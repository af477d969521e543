"""Storing a survey collection: the values the user (or the CLI's rule) chose for each change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.services.progress import status as st
from sasaeai_desktop.services.progress.survey_checks import refusals_of_error
from sasaeai_desktop.services.progress.survey_compare import refusal_problem
from sasaeai_desktop.services.progress.survey_match import remember
from sasaeai_desktop.services.progress.survey_plan import CollectPlan
from sasaeai_desktop.services.progress.survey_plan import FieldChange
from sasaeai_desktop.services.progress.survey_plan import MunicipalityReturn


@dataclass
class ApplyResult:
    municipalities: int = 0
    fields: int = 0
    skipped: list[str] = field(default_factory=list)  # messages for fields not applied
    problems: list[str] = field(default_factory=list)


Decision = Callable[[MunicipalityReturn, FieldChange], Any]
SKIP = object()


def default_decision(*, overwrite: bool = False) -> Decision:
    """The CLI's rule: clean changes are applied; conflicts and unverified answers only with
    ``overwrite``; answers that disagree with each other never (the GUI lets the user pick)."""

    def decide(_r: MunicipalityReturn, c: FieldChange) -> Any:
        if c.kind == "clean" or (overwrite and c.kind in ("conflict", "unverified")):
            return c.returned
        return SKIP

    return decide


def apply_plan(uow: Any, plan: CollectPlan, decide: Decision) -> ApplyResult:
    """Store the values ``decide`` returns for each change (``SKIP`` to leave a field alone), and
    remember whose the returns the user named are (``CHOSEN_BEFORE`` on the next collection)."""
    result = ApplyResult()
    if any(r.changes for r in plan.returns):
        from sasaeai_desktop.services import backups

        backups.before(uow, "survey-collect")
    for r in plan.returns:
        values: dict[str, Any] = {}
        for c in r.changes:
            v = decide(r, c)
            if v is SKIP:
                why = {"conflict": "作成後にデータが変更されています", "unverified": "識別シートがありません",
                       "disagree": "回答によって値が異なります"}.get(c.kind, "選ばれませんでした")
                result.skipped.append(f"{r.name}「{c.label}」: 反映しませんでした（{why}）")
                continue
            values[c.key] = v
        if not values:
            continue
        try:
            st.save_status(uow, r.municipality_id, plan.fiscal_year, values, source=st.SOURCE_SURVEY)
        except ValidationError as exc:
            # The values chosen (an alternative the preview could not check alone) are refused:
            # named at the file and cell, as the preview names them.
            reads = [x for x in plan.read_returns if x.file in r.files and x.municipality_id == r.municipality_id]
            for ref in refusals_of_error(exc):
                read = next((x for x in reads if ref.cell_in(x.answers) is not None), reads[0] if reads else None)
                p = refusal_problem(read.file if read else r.files[0], ref, ref.cell_in(read.answers) if read else None)
                result.problems.append(f"{r.name}: 反映できませんでした — {p.text()}")
            continue
        result.municipalities += 1
        result.fields += len(values)
    chosen = {plan.fingerprints[r.file]: r.municipality_id for r in plan.read_returns
              if r.matched_by == "指定" and r.municipality_id and r.file in plan.fingerprints}
    if chosen:
        remember(uow, plan.fiscal_year, chosen)
    return result
