"""The command line: ``main.py`` runs it, ``commands.py`` is the one table of every command and
its handler, and each other module holds the parsers and handlers of one area."""
