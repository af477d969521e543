"""The kinds of sheet that can be imported, by the name ``sasaeai import KIND`` and the dialog use.

The event kinds (申込者, 出欠: services/trainings/imports.py) add themselves when that module is
loaded: they belong to the trainings area, which builds on this package.
"""

from __future__ import annotations

from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.services.catalogue.imports import CatalogueImport
from sasaeai_desktop.services.imports.advisors import AdvisorImport
from sasaeai_desktop.services.imports.consultations import ConsultationImport
from sasaeai_desktop.services.imports.events import EventImport
from sasaeai_desktop.services.imports.grants import GrantImport
from sasaeai_desktop.services.imports.kind_base import ImportKind
from sasaeai_desktop.services.imports.municipalities import MunicipalityImport
from sasaeai_desktop.services.imports.people import PeopleImport
from sasaeai_desktop.services.imports.visits import VisitImport

__all__ = ["KINDS", "field_choices", "import_kinds", "kind_class"]

KINDS: dict[str, type[ImportKind]] = {
    k.kind: k for k in (MunicipalityImport, PeopleImport, AdvisorImport, VisitImport, ConsultationImport, GrantImport,
                        EventImport, CatalogueImport)
}


def import_kinds() -> list[tuple[str, str]]:
    """(kind, title) of every kind of sheet that can be imported."""
    return [(k, cls.title) for k, cls in KINDS.items()]


def field_choices(kind: str) -> list[tuple[str, str]]:
    """(key, header) of every column a sheet of ``kind`` can carry, for the mapping combo boxes."""
    return [(c.key, c.header) for c in kind_class(kind).spec.columns]


def kind_class(kind: str) -> type[ImportKind]:
    try:
        return KINDS[kind]
    except KeyError:
        raise UserError(f"取り込める種類は {', '.join(KINDS)} です（指定: {kind}）。") from None
