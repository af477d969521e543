"""All mapped tables; importing this module registers them on ``Base.metadata``.

The model modules do not use ``from __future__ import annotations``: with it every ``Mapped[...]``
is a string SQLAlchemy must evaluate while declaring the class (375 of them), which made this
import ~10 % slower, and it runs between the first paint and the first page's data (gui/app.py).
A class that names itself quotes the name (``Mapped["Municipality | None"]``).
"""

from .activities import Consultation
from .activities import Dispatch
from .activities import DispatchAdvisor
from .activities import DispatchDate
from .activities import FollowUpTask
from .activities import Visit
from .activities import VisitParticipant
from .base import Base
from .base import SoftDeleteMixin
from .base import SyncedMixin
from .base import utcnow
from .catalogue import CatalogueEntry
from .catalogue import CatalogueKind
from .catalogue import CataloguePhoto
from .geography import Municipality
from .geography import Prefecture
from .geography import Region
from .geography import RegionKind
from .geography import RegionMembership
from .grants import Grant
from .grants import GrantLink
from .local import LocalMeta
from .local import LocalSetting
from .people import ActivityField
from .people import Advisor
from .people import AdvisorAssignment
from .people import AdvisorField
from .people import Organisation
from .people import Person
from .status import SERVICE_TYPES
from .status import MunicipalityStatus
from .sync import SyncChange
from .sync import SyncEntry
from .sync import SyncFile
from .sync import SyncFork
from .sync import SyncHead
from .sync import SyncHistory
from .sync import SyncMute
from .sync import SyncPeer
from .trainings import Attendance
from .trainings import Certificate
from .trainings import EventAudience
from .trainings import EventField
from .trainings import EventMedia
from .trainings import EventStaff
from .trainings import Registration
from .trainings import SurveyAnswer
from .trainings import SurveyQuestion
from .trainings import TrainingEvent
from .trainings import TrainingSession

__all__ = [
    "ActivityField", "Advisor", "AdvisorAssignment", "AdvisorField", "Attendance", "Base", "CatalogueEntry",
    "CatalogueKind", "CataloguePhoto", "Certificate",
    "Consultation", "Dispatch", "DispatchAdvisor", "DispatchDate", "EventAudience", "EventField", "EventMedia",
    "EventStaff", "FollowUpTask", "Grant", "GrantLink", "LocalMeta", "LocalSetting", "Municipality", "MunicipalityStatus",
    "Organisation", "Person", "Prefecture", "Region", "RegionKind", "RegionMembership",
    "Registration", "SERVICE_TYPES", "SoftDeleteMixin", "SurveyAnswer", "SurveyQuestion",
    "SyncChange", "SyncEntry", "SyncFile", "SyncFork", "SyncHead", "SyncHistory", "SyncMute", "SyncPeer",
    "SyncedMixin", "TrainingEvent", "TrainingSession", "Visit", "VisitParticipant", "utcnow",
]
