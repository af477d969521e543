"""Use cases, one module per area. They take a unit of work and return plain data, never ORM rows."""
