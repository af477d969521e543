"""Exit codes are a contract with scripts: 0 success, 2 bad input (with a message saying what and
where, the database unchanged), 1 internal error."""

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2
