"""All mapped tables; importing this module registers them on ``Base.metadata``.

The model modules do not use ``from __future__ import annotations``: with it every ``Mapped[...]``
is a string SQLAlchemy must evaluate while declaring the class (375 of them), which made this
import ~10 % slower, and it runs between the first paint and the first page's data (gui/app.py).
A class that names itself quotes the name (``Mapped["Municipality | None"]``).
"""

from .activities import (
    Consultation,
    Dispatch,
    DispatchAdvisor,
    DispatchDate,
    FollowUpTask,
    Visit,
    VisitParticipant,
)
from .base import Base, SoftDeleteMixin, SyncedMixin, utcnow
from .geography import Municipality, Prefecture, Region, RegionKind, RegionMembership
from .local import LocalMeta, LocalSetting
from .people import ActivityField, Advisor, AdvisorAssignment, AdvisorField, Organisation, Person
from .status import SERVICE_TYPES, MunicipalityStatus
from .sync import (
    SyncChange,
    SyncEntry,
    SyncFile,
    SyncFork,
    SyncHead,
    SyncHistory,
    SyncMute,
    SyncPeer,
)
from .trainings import (
    Attendance,
    Certificate,
    EventAudience,
    EventField,
    EventStaff,
    Registration,
    SurveyAnswer,
    SurveyQuestion,
    TrainingEvent,
    TrainingSession,
)

__all__ = [
    "ActivityField", "Advisor", "AdvisorAssignment", "AdvisorField", "Attendance", "Base", "Certificate",
    "Consultation", "Dispatch", "DispatchAdvisor", "DispatchDate", "EventAudience", "EventField",
    "EventStaff", "FollowUpTask", "LocalMeta", "LocalSetting", "Municipality", "MunicipalityStatus",
    "Organisation", "Person", "Prefecture", "Region", "RegionKind", "RegionMembership",
    "Registration", "SERVICE_TYPES", "SoftDeleteMixin", "SurveyAnswer", "SurveyQuestion",
    "SyncChange", "SyncEntry", "SyncFile", "SyncFork", "SyncHead", "SyncHistory", "SyncMute", "SyncPeer",
    "SyncedMixin", "TrainingEvent", "TrainingSession", "Visit", "VisitParticipant", "utcnow",
]
