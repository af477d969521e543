"""PDF printouts (reportlab). Import lazily: reportlab costs ~0.12 s that start-up must not pay."""
