"""print_layout: orientation, scale and column blocks chosen so printed text stays ≥ 7 pt."""

from __future__ import annotations

from sasaeai_desktop.io.excel.print_layout import MIN_PRINTED_POINTS
from sasaeai_desktop.io.excel.print_layout import column_points
from sasaeai_desktop.io.excel.print_layout import plan_print
from sasaeai_desktop.io.excel.print_layout import printable_width


def _printed_points(layout, widths, font=11.0) -> float:  # the body text at the layout's scale
    return font * layout.scale / 100


def test_narrow_list_prints_portrait_at_full_size() -> None:
    layout = plan_print([10, 14, 20], [True] * 3)
    assert (layout.orientation, layout.scale, layout.breaks) == ("portrait", 100, ())


def test_wider_list_turns_landscape_before_it_shrinks() -> None:
    widths = [14] * 8  # too wide for portrait at 85 %, fits landscape
    layout = plan_print(widths, [True] * 8)
    assert layout.orientation == "landscape" and layout.breaks == ()
    assert sum(column_points(w) for w in widths) * layout.scale / 100 <= printable_width("landscape")


def test_very_wide_list_is_split_into_balanced_blocks_with_the_key_column_repeated() -> None:
    widths = [12] + [20] * 14  # 292 units: far too wide for one page at a readable size
    layout = plan_print(widths, [True] * 15, repeat=1)
    assert layout.blocks == 2 and layout.repeat == 1
    assert _printed_points(layout, widths) >= MIN_PRINTED_POINTS
    ends = [layout.repeat, *layout.breaks, layout.last_column]
    room = printable_width("landscape") * 100 / layout.scale
    for a, b in zip(ends, ends[1:]):
        assert column_points(widths[0]) + sum(column_points(w) for w in widths[a:b]) <= room + 0.01
    assert abs((ends[1] - ends[0]) - (ends[2] - ends[1])) <= 1  # balanced, not one full and one stub


def test_id_columns_after_the_last_printed_one_are_outside_the_print_area() -> None:
    layout = plan_print([10, 10, 38], [True, True, False])
    assert layout.last_column == 2


def test_blocks_end_only_where_allowed_and_a_small_font_needs_a_larger_scale() -> None:
    widths = [9] + [11] * 17
    layout = plan_print(widths, [True] * 18, repeat=1, font_points=9, break_after=[5, 9, 13])
    assert set(layout.breaks) <= {5, 9, 13}
    assert 9 * layout.scale / 100 >= MIN_PRINTED_POINTS
