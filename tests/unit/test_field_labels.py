"""Every column a history or a sync conflict can show has a Japanese name (「人「小林 恵子」の
phone」 was printed once): adding a column without a label fails here."""

from __future__ import annotations

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.change_capture import NON_SYNCED_PREFIXES
from sasaeai_desktop.domain.field_labels import HIDDEN_FIELDS
from sasaeai_desktop.domain.field_labels import field_label_ja


def test_every_synced_column_has_a_japanese_name() -> None:
    unnamed = []
    for table in m.Base.metadata.sorted_tables:
        if table.name.startswith(NON_SYNCED_PREFIXES):
            continue
        for column in table.columns:
            if column.name in HIDDEN_FIELDS:
                continue
            label = field_label_ja(column.name, table.name)
            if label == column.name or label.isascii():
                unnamed.append(f"{table.name}.{column.name}")
    assert unnamed == []


def test_a_name_shared_by_tables_is_told_apart() -> None:
    assert field_label_ja("name", "person") == "氏名"
    assert field_label_ja("title", "training_event") == "研修名"
    assert field_label_ja("phone", "person") == "電話"
