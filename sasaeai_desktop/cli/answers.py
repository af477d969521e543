"""The ``--map 列=書かれた値:取り込む値`` answers of ``sasaeai import`` (every kind: records and
the training files), checked and handed to the import's plan."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any


def value_answers(kind: str, maps: list[tuple[str, str, str]]) -> tuple[dict[str, dict[str, str | None]], dict[tuple[str, str], str]]:
    """The --map arguments as ``plan_import(values=…)``, and which argument said what (for messages).
    A column that takes no controlled value, a value not in its vocabulary, or one written value
    given two answers is refused here (UserError, exit 2) naming the argument."""
    from sasaeai_desktop.domain.errors import UserError
    from sasaeai_desktop.domain.vocab_match import match_key
    from sasaeai_desktop.io.excel.spec import header_key
    from sasaeai_desktop.services.imports import value_columns as import_value_columns

    columns = import_value_columns.value_columns(kind)
    values: dict[str, dict[str, str | None]] = {}
    origin: dict[tuple[str, str], str] = {}
    given: dict[tuple[str, str], str] = {}
    for column, written, value in maps:
        arg = f"--map {column}={written}:{value}"
        target = columns.get(header_key(column))
        if target is None:
            names = "、".join(import_value_columns.value_column_labels(kind)) or "なし"
            raise UserError(f"{arg}: 列「{column}」はこの取り込み（{kind}）で値を選べる列ではありません（{names}）。")
        problem = import_value_columns.check_value(kind, target, value)
        if problem:
            raise UserError(f"{arg}: {problem}")
        key = (target, match_key(written))
        if key in given and given[key] != value:
            raise UserError(f"{arg}: 「{written}」の答えが {origin[key]} と食い違っています。")
        values.setdefault(target, {})[written] = value or None
        origin[key], given[key] = arg, value
    return values, origin


def plan_with_answers(args: argparse.Namespace, plan: Callable[..., Any]) -> Any:
    """Run ``plan(values=…)`` with the --map answers; a --map the database refuses (an 活動分野 not
    in this database's list) names its argument."""
    from sasaeai_desktop.domain.errors import UserError
    from sasaeai_desktop.domain.vocab_match import match_key
    from sasaeai_desktop.services.imports.values import BadAnswer

    values, origin = value_answers(args.kind, getattr(args, "map", None) or [])
    try:
        return plan(values=values or None)
    except BadAnswer as exc:
        arg = origin.get((exc.column, match_key(exc.written)), "--map")
        raise UserError(f"{arg}: {exc}") from None
