"""Plain-Python domain rules: 和暦, 年度, 地方公共団体コード, ids, names (standard library only)."""
