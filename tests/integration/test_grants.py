"""補助金・モデル事業 (issue 19 item 4): saving with its checks, links, lists by filter, the 年度
summary, and the status derived from the dates."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace

import pytest

from sasaeai_desktop.domain import grants as dg
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services.activities import visits
from sasaeai_desktop.services.grants import queries
from sasaeai_desktop.services.grants import records
from sasaeai_desktop.services.grants.records import GrantData
from sasaeai_desktop.services.progress import regions

TODAY = dt.date(2025, 12, 1)


def _mun(ctx, code: str) -> str:
    found = municipalities.find_by_code(ctx.uow(), code)
    assert found is not None
    return found.id


def _grant(ctx, mid: str, **kw) -> str:
    base = dict(fiscal_year=2025, program="地域支え合いモデル事業", kind="モデル事業", amount_decided=6_000_000)
    return records.save(ctx.uow(), GrantData(None, mid, **{**base, **kw}))


def test_each_wrong_field_gets_its_own_japanese_message(nagano) -> None:
    data = GrantData(None, None, None, program="", kind="寄付", amount_decided=100, amount_paid=200,
                     applied_on=dt.date(2025, 5, 1), decided_on=dt.date(2025, 4, 1),
                     report_received=dt.date(2025, 3, 1))
    with pytest.raises(ValidationError) as err:
        records.save(nagano.uow(), data)
    f = err.value.fields
    assert set(f) == {"municipality_id", "fiscal_year", "program", "kind", "amount_paid", "decided_on", "report_received"}
    assert "補助金、委託、モデル事業、現物提供" in f["kind"] and "寄付" in f["kind"]
    assert f["amount_paid"] == "支払額 200円が交付決定額 100円を超えています。"
    assert f["decided_on"] == "交付決定日 2025-04-01 が申請日 2025-05-01 より前です。"


def test_paid_without_decided_and_negative_amounts_are_refused(nagano) -> None:
    mid = _mun(nagano, "202011")
    with pytest.raises(ValidationError) as err:
        _grant(nagano, mid, amount_decided=None, amount_paid=1000)
    assert set(err.value.fields) == {"amount_decided"}
    with pytest.raises(ValidationError) as err:
        _grant(nagano, mid, amount_decided=-5)
    assert "0円から" in err.value.fields["amount_decided"]


def test_save_cleans_kind_and_keeps_links_that_sync_as_rows(nagano) -> None:
    mid = _mun(nagano, "202011")
    vid = visits.save(nagano.uow(), visits.VisitData(None, mid, dt.date(2025, 6, 2), purpose="補助金の説明")).id
    gid = _grant(nagano, mid, kind=" モデル ", visit_ids=(vid, vid))
    got = records.get(nagano.uow(), gid)
    assert got.kind == "モデル事業" and got.visit_ids == (vid,) and got.event_ids == ()
    records.save(nagano.uow(), GrantData(**{**got.__dict__, "visit_ids": ()}))
    assert records.get(nagano.uow(), gid).visit_ids == ()
    with pytest.raises(ValidationError) as err:
        records.save(nagano.uow(), GrantData(**{**got.__dict__, "visit_ids": ("no-such-visit",)}))
    assert "visit_ids" in err.value.fields
    with nagano.engine.connect() as conn:  # each link is its own captured row: two laptops' links merge
        tables = {r[0] for r in conn.exec_driver_sql("SELECT DISTINCT tbl FROM sync_change").fetchall()}
    assert {"grant_record", "grant_link"} <= tables


def test_status_in_sql_agrees_with_the_domain_rule(nagano) -> None:
    mid = _mun(nagano, "202011")
    days = (None, dt.date(2025, 4, 10))
    dues = (None, dt.date(2025, 11, 30), dt.date(2025, 12, 1), dt.date(2026, 3, 31))
    for applied, decided, due, received in itertools.product(days, days, dues, (None, dt.date(2025, 11, 1))):
        _grant(nagano, mid, applied_on=applied, decided_on=decided, report_due=due, report_received=received,
               notes=f"{applied}|{decided}|{due}|{received}")
    rows = queries.list_grants(nagano.uow(), today=TODAY)
    assert len(rows) == 32
    for r in rows:
        assert r.status == dg.grant_status(r.applied_on, r.decided_on, r.report_due, r.report_received, TODAY), r.notes
    assert {r.status for r in rows} == set(dg.STATUSES)
    overdue = queries.list_grants(nagano.uow(), queries.GrantFilter(status="報告期限超過"), today=TODAY)
    assert overdue and all(r.report_due == dt.date(2025, 11, 30) and r.report_received is None for r in overdue)


def test_filters_and_the_summary_by_program_and_region(nagano) -> None:
    kind = regions.find_kind(nagano.uow(), "ブロック")
    north = regions.create_region(nagano.uow(), kind.id, "北信")
    east = regions.create_region(nagano.uow(), kind.id, "東信")
    nagano_city, ueda, komoro = _mun(nagano, "202011"), _mun(nagano, "202037"), _mun(nagano, "202088")
    regions.assign(nagano.uow(), kind.id, north.id, [nagano_city])
    regions.assign(nagano.uow(), kind.id, east.id, [ueda])
    _grant(nagano, nagano_city, amount_paid=3_000_000)
    _grant(nagano, ueda, amount_decided=5_800_000, amount_paid=5_800_000)
    _grant(nagano, komoro, program="活動拠点整備費補助", kind="補助金", amount_decided=500_000)
    _grant(nagano, ueda, fiscal_year=2024, amount_decided=6_000_000)
    q = queries.list_grants
    assert len(q(nagano.uow(), queries.GrantFilter(fiscal_year=2025))) == 3
    assert [r.municipality for r in q(nagano.uow(), queries.GrantFilter(region_id=east.id))] == ["上田市", "上田市"]
    assert [r.program for r in q(nagano.uow(), queries.GrantFilter(kind="補助"))] == ["活動拠点整備費補助"]
    assert len(q(nagano.uow(), queries.GrantFilter(municipality_id=komoro))) == 1
    assert len(q(nagano.uow(), queries.GrantFilter(search="拠点"))) == 1
    assert queries.count_grants(nagano.uow(), queries.GrantFilter(fiscal_year=2024)) == 1
    s = queries.summary(nagano.uow(), 2025, region_kind="ブロック")
    assert s.title == "令和7年度 補助金・モデル事業 集計" and s.region_kind == "ブロック"
    assert s.total == dg.SummaryLine("合計", 3, 12_300_000, 8_800_000)
    assert s.by_program == (dg.SummaryLine("地域支え合いモデル事業", 2, 11_800_000, 8_800_000),
                            dg.SummaryLine("活動拠点整備費補助", 1, 500_000, 0))
    assert s.by_region == (dg.SummaryLine("北信", 1, 6_000_000, 3_000_000), dg.SummaryLine("東信", 1, 5_800_000, 5_800_000),
                           dg.SummaryLine(regions.UNASSIGNED, 1, 500_000, 0))
    assert queries.fiscal_years(nagano.uow()) == [2025, 2024]


def test_deleted_records_leave_lists_and_totals(nagano) -> None:
    gid = _grant(nagano, _mun(nagano, "202011"))
    records.delete(nagano.uow(), gid)
    assert queries.list_grants(nagano.uow()) == []
    assert queries.summary(nagano.uow(), 2025).total.count == 0


def test_reports_due_or_overdue_are_on_the_dashboards_follow_up_list(nagano) -> None:
    from sasaeai_desktop.services.progress.dashboard import progress_dashboard

    matsumoto, ueda, iida, suwa = (_mun(nagano, c) for c in ("202029", "202037", "202053", "202061"))
    _grant(nagano, matsumoto, decided_on=dt.date(2025, 5, 1), report_due=dt.date(2025, 11, 20))  # 11 days past
    _grant(nagano, ueda, decided_on=dt.date(2025, 5, 1), report_due=dt.date(2025, 12, 15))  # in 14 days
    _grant(nagano, iida, decided_on=dt.date(2025, 5, 1), report_due=dt.date(2026, 4, 30))  # months away
    _grant(nagano, suwa, decided_on=dt.date(2025, 5, 1), report_due=dt.date(2025, 11, 1),
           report_received=dt.date(2025, 10, 28))  # received: nothing to follow
    gone = _grant(nagano, iida, program="消した記録", report_due=dt.date(2025, 11, 1))
    records.delete(nagano.uow(), gone)
    d = progress_dashboard(nagano.uow(), 2025, today=TODAY)
    assert [(x.name, x.detail) for x in d.grant_reports] == [
        ("松本市", "地域支え合いモデル事業の実績報告 期限 2025/11/20（11日超過）"),
        ("上田市", "地域支え合いモデル事業の実績報告 期限 2025/12/15（あと14日）"),
    ]
    wider = progress_dashboard(nagano.uow(), 2025, today=TODAY, report_days=180)
    assert [x.name for x in wider.grant_reports] == ["松本市", "上田市", "飯田市"]


def test_summary_pdf_carries_the_office_footer_and_names_characters_it_cannot_print(nagano, tmp_path) -> None:
    import re
    import subprocess

    from sasaeai_desktop.domain.office import OfficeSettings
    from sasaeai_desktop.services import settings as office_settings
    from sasaeai_desktop.services.grants import files

    office_settings.save_settings(nagano.uow(), OfficeSettings(office_name="長野県健康福祉部介護支援課",
                                                               phone="026-235-7111"))
    _grant(nagano, _mun(nagano, "202011"), program="𠮷田地区の拠点整備")  # 𠮷: the fallback font has it
    written = files.write_summary(nagano.uow(), 2025, tmp_path / "s.pdf")
    assert written.pages == 1 and written.rows == 1 and written.warnings == []
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(tmp_path / "s.pdf"), "-"], capture_output=True,
                                            text=True, check=True).stdout)
    assert "長野県健康福祉部介護支援課" in text and "026-235-7111" in text and "𠮷田地区の拠点整備" in text
    with pytest.raises(UserError, match="拡張子"):
        files.write_summary(nagano.uow(), 2025, tmp_path / "s.docx")


def test_a_grant_syncs_and_links_added_on_two_laptops_merge_without_a_conflict(tmp_path) -> None:
    from sasaeai_desktop.services.sync import conflicts as sync_conflicts
    from sasaeai_desktop.services.sync import replica as sync_replica
    from tests.integration.test_sync import EVENT
    from tests.integration.test_sync import sync_world

    with sync_world(tmp_path) as (office, a, b, _pid, send):
        mid = _mun(office, "202029")
        gid = _grant(office, mid, report_due=dt.date(2026, 4, 30))
        send(office, a)
        send(office, b)
        vid = visits.save(a.uow(), visits.VisitData(None, mid, dt.date(2026, 5, 12), purpose="実績報告の確認")).id
        records.save(a.uow(), replace(records.get(a.uow(), gid), visit_ids=(vid,), amount_paid=6_000_000))
        records.save(b.uow(), replace(records.get(b.uow(), gid), event_ids=(EVENT,), report_received=dt.date(2026, 5, 1)))
        send(a, office)
        assert send(b, office).conflicts == 0
        send(office, a)
        send(office, b)
        for ctx in (office, a, b):
            got = records.get(ctx.uow(), gid)
            assert (got.visit_ids, got.event_ids) == ((vid,), (EVENT,))
            assert (got.amount_paid, got.report_received) == (6_000_000, dt.date(2026, 5, 1))
            assert sync_conflicts.list_conflicts(ctx.uow()) == []
        dumps = [sync_replica.canonical_dump(x.uow()) for x in (office, a, b)]
        assert dumps[0] == dumps[1] == dumps[2]
