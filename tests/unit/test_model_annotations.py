"""The mapped classes carry real types in their annotations, not strings.

With ``from __future__ import annotations`` every ``Mapped[...]`` annotation is a string that
SQLAlchemy must evaluate when the class is declared (375 of them in our 36 classes), which
made importing the models about a tenth slower; that import sits between the first paint and the
first page's data (start-up time, gui/app.py).
"""

import __future__

import importlib
import pkgutil

import sasaeai_desktop.db.models as models
from sasaeai_desktop.db.models import Base


def test_no_model_module_postpones_its_annotations() -> None:
    postponed = []
    for info in pkgutil.iter_modules(models.__path__):
        module = importlib.import_module(f"{models.__name__}.{info.name}")
        if getattr(module, "annotations", None) is __future__.annotations:
            postponed.append(info.name)
    assert postponed == []


def test_mapped_annotations_are_not_strings() -> None:
    strings = []
    for mapper in Base.registry.mappers:
        for klass in mapper.class_.__mro__:
            for name, annotation in vars(klass).get("__annotations__", {}).items():
                if isinstance(annotation, str):
                    strings.append(f"{klass.__name__}.{name}: {annotation}")
    # (A class naming itself writes Mapped["Municipality | None"]: only the inner name is a string.)
    assert strings == []
