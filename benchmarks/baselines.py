"""The naive ways the benchmarks compare the program's own with (not part of the program).

``like_scan``: a LIKE '%q%' scan over the text columns of visits, consultations and dispatches
(bench_search.py; the program answers through the search index, services/activities/search.py).
``search_all_people_python``: every person loaded and matched in Python (bench_checkin.py; the
program answers with index range scans, services/trainings/person_match.py).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy import text

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.names import kana_key
from sasaeai_desktop.domain.names import name_key


def like_scan(uow: UnitOfWork, query: str, *, limit: int = 50) -> list[tuple[str, str]]:
    pattern = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    sql = (
        "SELECT * FROM ("
        "SELECT 'visit', id, visit_date AS day FROM visit WHERE deleted = 0 AND ("
        "purpose LIKE :p ESCAPE '\\' OR observations LIKE :p ESCAPE '\\' OR issues LIKE :p ESCAPE '\\' "
        "OR advice LIKE :p ESCAPE '\\') "
        "UNION ALL SELECT 'consultation', id, received_date FROM consultation WHERE deleted = 0 AND ("
        "topics LIKE :p ESCAPE '\\' OR question LIKE :p ESCAPE '\\' OR answer LIKE :p ESCAPE '\\') "
        "UNION ALL SELECT 'dispatch', id, request_date FROM dispatch WHERE deleted = 0 AND ("
        "purpose LIKE :p ESCAPE '\\' OR outcome LIKE :p ESCAPE '\\')"
        ") ORDER BY day DESC LIMIT :n"
    )
    with uow:
        return [(r[0], r[1]) for r in uow.session.connection().execute(text(sql), {"p": pattern, "n": limit})]


def search_all_people_python(uow: UnitOfWork, query: str, *, limit: int = 30) -> list[tuple[str, str]]:
    kk, nk = kana_key(query), name_key(query)
    with uow:
        rows = uow.session.execute(select(m.Person.id, m.Person.name, m.Person.name_key, m.Person.kana_key)
                                   .where(m.Person.deleted.is_(False))).all()
    out = [(r[0], r[1]) for r in rows if (kk and kk in r[3]) or (nk and nk in r[2])]
    return out[:limit]
