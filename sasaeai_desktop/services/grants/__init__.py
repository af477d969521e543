"""補助金・モデル事業: grant records (records), lists and the 年度 summary (queries), the summary's
files (files) and the Excel sheet (sheet, import_kind)."""
