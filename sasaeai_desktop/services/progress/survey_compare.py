"""What applying the returns read would change, field by field, and whether each change is clean
(see ``survey_plan``). An answer equal to what the form was made from changes nothing (the data
may have moved on)."""

from __future__ import annotations

from typing import Any

from sasaeai_desktop.services.progress import status as st
from sasaeai_desktop.services.progress.survey_checks import Refusal
from sasaeai_desktop.services.progress.survey_checks import refusals
from sasaeai_desktop.services.progress.survey_plan import CHOSEN_BEFORE
from sasaeai_desktop.services.progress.survey_plan import CollectPlan
from sasaeai_desktop.services.progress.survey_plan import FieldChange
from sasaeai_desktop.services.progress.survey_plan import MunicipalityReturn
from sasaeai_desktop.services.progress.survey_plan import Problem
from sasaeai_desktop.services.progress.survey_plan import ReadReturn


def refusal_problem(file: str, ref: Refusal, cell: Any) -> Problem:
    labels = "」「".join(st.FIELD_BY_KEY[k].label for k in ref.keys)
    message = f"{ref.message.rstrip('。')}。この回答の「{labels}」は反映しません。"
    return Problem(file, message, cell.row if cell else None, cell.col if cell else None, ref.key, refused=True)


def _refuse(plan: CollectPlan, read: ReadReturn, ref: Refusal) -> None:
    p = refusal_problem(read.file, ref, ref.cell_in(read.answers))
    plan.add_problem(p)



def _same(f: st.StatusField, a: Any, b: Any) -> bool:
    """Equal as stored: saving cleans text (NFKC, spaces), so 「（緩和した基準）」 in a form and the
    stored 「(緩和した基準)」 are one answer, not a change to confirm on every collection."""
    if f.kind in ("text", "multiline"):
        from sasaeai_desktop.domain.names import clean_text

        multiline = f.kind == "multiline"
        return clean_text("" if a is None else str(a), multiline=multiline) == clean_text(
            "" if b is None else str(b), multiline=multiline)
    return a == b


def compare(uow: Any, plan: CollectPlan, by_id: dict[str, tuple[str, str, str]]) -> None:
    """``plan.returns`` from what was read: per municipality and field, what would change."""
    with uow:
        current = st.latest_statuses(uow, plan.fiscal_year)
    plan.drop_problems(lambda p: p.refused)
    answers: dict[str, list[ReadReturn]] = {}
    for entry in plan.read_returns:
        if entry.municipality_id is not None:
            answers.setdefault(entry.municipality_id, []).append(entry)
    plan.returns = []
    plan.unchanged = []
    for mid, returns in answers.items():
        _id, code, name = by_id[mid]
        rec = current.get(mid)
        now_values = rec.values if rec else st.empty_values()
        mr = MunicipalityReturn(mid, code, name, [r.file for r in returns], returns[0].matched_by)
        base_of = {r.file: r.base for r in returns}
        if len(returns) > 1:
            mr.notes.append(f"回答が {len(returns)} 件あります（{'、'.join(mr.files)}）。値が異なる項目は選んでください。")
        if any(r.base is None for r in returns):
            how = ("選んだ市町村" if any(r.matched_by in ("指定", CHOSEN_BEFORE) for r in returns)
                   else "市町村コード・名前で照合")
            mr.notes.append(f"識別用の隠しシートがない回答です（{how}）。作成後のデータ変更を確認できないため、変更はすべて確認が必要です。")
        elif any(r.base is not None and st.version_of(r.base) != st.version_of(now_values) for r in returns):
            mr.notes.append("調査票の作成後にこの市町村のデータが変更されています。変更された項目は一つずつ確認してください。")
        by_file: dict[str, dict[str, Any]] = {r.file: {} for r in returns}  # what applying each file would store
        for f in st.FIELDS:
            proposals: list[tuple[str, Any, Any]] = []  # (file, value, base)
            for r in returns:
                if f.key not in r.answers:
                    continue
                value = r.answers[f.key][0]
                if r.base is not None and _same(f, value, r.base.get(f.key)):
                    continue  # not changed by the respondent
                if _same(f, value, now_values.get(f.key)):
                    continue
                proposals.append((r.file, value, None if r.base is None else r.base.get(f.key)))
            if not proposals:
                continue
            for fn, v, _b in proposals:
                by_file[fn][f.key] = v
            distinct = {repr(v) for _f, v, _b in proposals}
            first_file, value, base_value = proposals[0]
            change = FieldChange(f.key, f.label, now_values.get(f.key), value, base_value)
            if len(distinct) > 1:
                change.kind = "disagree"
                change.alternatives = [(fn, v) for fn, v, _b in proposals]
                change.message = "回答によって値が異なります"
            elif any(base_of[fn] is None for fn, _v, _b in proposals):
                change.kind = "unverified"
                change.message = "識別シートがないため、作成後の変更を確認できません"
            elif base_value != now_values.get(f.key):
                change.kind = "conflict"
                change.message = (f"調査票の作成後にデータが「{st.display_value(f.key, base_value)}」から"
                                  f"「{st.display_value(f.key, now_values.get(f.key))}」に変更されています")
            mr.changes.append(change)
        # What the real run would refuse is refused here too: the dry run and the preview show it.
        # Each file alone, then what the CLI's default applies together (two files may each be
        # right and wrong together: 3 placed from one, 2 圏域 from the other).
        refused: set[str] = set()
        for r in returns:
            for ref in refusals(now_values, by_file[r.file]):
                _refuse(plan, r, ref)
                refused.update(ref.keys)
        if refused:
            mr.changes = [c for c in mr.changes if c.key not in refused]
        together = {c.key: c.returned for c in mr.changes}
        for ref in refusals(now_values, together) if len(returns) > 1 else ():
            _refuse(plan, next((r for r in returns if ref.cell_in(r.answers) is not None), returns[0]), ref)
            refused.update(ref.keys)
        if refused:
            mr.changes = [c for c in mr.changes if c.key not in refused]
        # A return with nothing left to change is not a decision (its notes — sheet missing, data
        # changed since — are about changes): last week's returns still in the folder stay quiet.
        if mr.changes:
            plan.returns.append(mr)
        else:
            plan.unchanged.append((code, name))
    plan.returns.sort(key=lambda r: r.code)
    plan.unchanged.sort()
