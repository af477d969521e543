"""File formats: the bundled master list, Excel, PDF and exchange files."""
