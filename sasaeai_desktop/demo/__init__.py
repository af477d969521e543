"""A realistic, entirely fictional dataset for the prefecture this database was set up for.

``fill_demo(uow, scale=N)`` writes N 年度 of one prefecture's activity, ending with the current
年度 (today's): regions, municipality figures and status sheets, people and organisations, the
advisor roster, visits, consultations, dispatches and training events with registrations,
attendance and surveys. Everything is drawn from ``random.Random(seed)``, so one seed gives the
same dataset (ids aside: they are fresh UUIDv7s).

Time is honoured: nothing that has happened is dated after ``today``. The current 年度 therefore
holds visits and consultations only up to today (a share of a full year's), while its training
events are all planned, those still to come with registrations but no attendance, and dispatches
may be scheduled ahead (status 調整中/依頼).

Volumes per year of activity, for a prefecture of 77 insurer municipalities (市町村・特別区;
the 区 of designated cities are not insurers and are left alone), scaled by the real count:
~2,500 new people (about ten 県職員 at a time, each municipality's staff and coordinators with
tenures, and a crowd of residents and professionals who come to trainings), ~2,500 visits,
~2,500 consultations, ~60 dispatches, ~25 training events with ~5,000 registrations. The roster
of ~40 advisors, the organisations and the regions are made once.

Municipalities follow the program's history: SCs, councils and 総合事業 services appear from
FY2015 on (larger municipalities earlier), stages move ①→②→③, and texts fit the stage; years
before FY2015 (scale > 12) hold no SCs or councils, and the training series carry older names.

Rows are written table by table with ``session.execute(insert(Model), rows)`` in chunks, all in
one transaction committed at the end; ``abort`` is checked between chunks (rollback, nothing
written, cancellation.Cancelled raised) and ``progress(fraction, message)`` is called between chunks.
The demo refuses a database that already holds demo data or any records of its own: fictional
people must never mix with real ones.

``builder`` runs the steps; one module per area draws its rows (``municipalities``, ``regions``,
``organisations``, ``advisors``, ``people``, ``progress``, ``activities``, ``trainings``) on the
shared ``world.World``; the made-up names and phrases are in ``names`` and ``phrases``.
"""

from sasaeai_desktop.demo.builder import MAX_SCALE
from sasaeai_desktop.demo.builder import META_DEMO
from sasaeai_desktop.demo.builder import DemoResult
from sasaeai_desktop.demo.builder import fill_demo

__all__ = ["DemoResult", "MAX_SCALE", "META_DEMO", "fill_demo"]
