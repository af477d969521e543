"""The walk-in search over all people stays one index-served statement (issue 7: a keystroke →
the list under 30 ms with 50,000 people): range scans on person.name_key / kana_key, never a scan
of ix_person_merged_into_id (true for nearly every row) or of the whole table."""

from __future__ import annotations

from sqlalchemy import event

from sasaeai_desktop.services import people
from sasaeai_desktop.services.trainings import person_match


def test_walk_in_search_is_one_statement_on_the_key_indexes(nagano) -> None:
    for name, kana in (("高橋 一郎", "たかはし いちろう"), ("高田 誠", "たかだ まこと"), ("佐藤 恵子", "さとう けいこ")):
        people.save(nagano.uow(), people.PersonData(None, name, kana, "第1層SC"))
    seen: list[tuple[str, object]] = []
    with nagano.uow() as u:
        engine = u.session.get_bind()

    def capture(conn, cursor, statement, params, context, executemany):  # type: ignore[no-untyped-def]
        if "FROM person" in statement:
            seen.append((statement, params))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        found = person_match.suggest_people(nagano.uow(), "髙橋")
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    assert [(p.name, p.variant) for p in found] == [("高橋 一郎", True)]
    assert len(seen) == 1
    statement, params = seen[0]
    with nagano.uow() as u:
        plan = " | ".join(r[3] for r in u.session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params))
    assert "USING INDEX ix_person_name_key (name_key>? AND name_key<?)" in plan, plan
    assert "USING INDEX ix_person_kana_key (kana_key>? AND kana_key<?)" in plan, plan
    assert "merged_into_id" not in plan and "SCAN person" not in plan, plan
    assert [p.name for p in person_match.suggest_people(nagano.uow(), "たか")] == ["高田 誠", "高橋 一郎"]
