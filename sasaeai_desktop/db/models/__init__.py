"""All mapped tables; importing this module registers them on ``Base.metadata``."""

from .activities import Consultation, Dispatch, DispatchAdvisor, DispatchDate, FollowUpTask, Visit, VisitParticipant
from .base import Base, SoftDeleteMixin, SyncedMixin, utcnow
from .geography import Municipality, Prefecture, Region, RegionKind, RegionMembership
from .local import LocalMeta, LocalSetting
from .people import ActivityField, Advisor, AdvisorAssignment, AdvisorField, Organisation, Person
from .status import SERVICE_TYPES, MunicipalityStatus
from .sync import SyncChange, SyncEntry, SyncFile, SyncHead, SyncMute, SyncPeer  # noqa: F401
from .trainings import (
    Attendance,
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
    "ActivityField", "Advisor", "AdvisorAssignment", "AdvisorField", "Attendance", "Base",
    "Consultation", "Dispatch", "DispatchAdvisor", "DispatchDate", "EventAudience", "EventField",
    "EventStaff", "FollowUpTask", "LocalMeta", "LocalSetting", "Municipality", "MunicipalityStatus",
    "Organisation", "Person", "Prefecture", "Region", "RegionKind", "RegionMembership",
    "Registration", "SERVICE_TYPES", "SoftDeleteMixin", "SurveyAnswer", "SurveyQuestion",
    "SyncedMixin", "TrainingEvent", "TrainingSession", "Visit", "VisitParticipant", "utcnow",
]
