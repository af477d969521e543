"""事後アンケート: answers on the handbook's 4-point scale per program part, their summary and comments."""

from __future__ import annotations

from collections import Counter
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.errors import NotFoundError
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.domain.names import clean_text
from sasaeai_desktop.services.trainings.registrations import registration_row


@dataclass(frozen=True)
class QuestionSummary:
    question_id: str
    label: str
    counts: dict[int, int]  # rating → answers
    answered: int

    def percent(self, rating: int) -> float:
        return 100.0 * self.counts.get(rating, 0) / self.answered if self.answered else 0.0

    @property
    def good_percent(self) -> float:
        """とても良かった + 良かった."""
        return self.percent(1) + self.percent(2)


def record_answers(uow: UnitOfWork, registration_id: str | None, answers: dict[str, int | None], *,
                   comment: str = "", event_id: str | None = None) -> None:
    """One participant's 事後アンケート: question id → rating 1..4 (None = no answer).
    ``registration_id`` None for an anonymous sheet (then ``event_id`` checks the questions)."""
    for rating in answers.values():
        if rating is not None and rating not in vocab.SURVEY_SCALE:
            raise ValidationError({"rating": f"評価は1〜4（{'・'.join(vocab.SURVEY_SCALE.values())}）です。"})
    with uow:
        s = uow.session
        if registration_id is not None:
            event_id = registration_row(s, registration_id).event_id
            sa = m.SurveyAnswer
            for old in s.scalars(select(sa).where(sa.registration_id == registration_id, sa.deleted.is_(False),
                                                  sa.question_id.in_(list(answers)))):
                old.deleted = True
        q = m.SurveyQuestion
        valid = set(s.scalars(select(q.id).where(q.event_id == event_id, q.deleted.is_(False))))
        last = list(answers)[-1] if answers else None
        for qid, rating in answers.items():
            if qid not in valid:
                raise NotFoundError("アンケートの項目がこの研修にありません。")
            s.add(m.SurveyAnswer(registration_id=registration_id, question_id=qid, rating=rating,
                                 comment=clean_text(comment, multiline=True) if qid == last else ""))
        uow.commit()


def survey_summary(uow: UnitOfWork, event_id: str) -> list[QuestionSummary]:
    """Per program part: answers per rating and the percentages (of those who answered)."""
    q, a = m.SurveyQuestion, m.SurveyAnswer
    with uow:
        qs = uow.session.execute(
            select(q.id, q.label).where(q.event_id == event_id, q.deleted.is_(False)).order_by(q.sort_order, q.id)
        ).all()
        counts: dict[str, Counter[int]] = defaultdict(Counter)
        for qid, rating, n in uow.session.execute(
            select(a.question_id, a.rating, func.count(a.id)).join(q, q.id == a.question_id)
            .where(q.event_id == event_id, a.deleted.is_(False)).group_by(a.question_id, a.rating)
        ):
            if rating is not None:  # a part left unanswered
                counts[qid][rating] = n
    return [QuestionSummary(qid, label, {k: counts[qid].get(k, 0) for k in vocab.SURVEY_SCALE}, sum(counts[qid].values()))
            for qid, label in qs]


def survey_comments(uow: UnitOfWork, event_id: str) -> list[str]:
    q, a = m.SurveyQuestion, m.SurveyAnswer
    with uow:
        return [c for c in uow.session.scalars(
            select(a.comment).join(q, q.id == a.question_id)
            .where(q.event_id == event_id, a.deleted.is_(False), a.comment != "").order_by(a.created_at)
        )]
