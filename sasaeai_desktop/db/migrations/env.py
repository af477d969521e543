"""Alembic environment: always run on a connection handed over by ``db.migrate``.

The caller has already begun the transaction, so the whole upgrade commits or
rolls back as one (SQLite DDL is transactional with our engine set-up).
"""

from __future__ import annotations

from alembic import context

from sasaeai_desktop.db.models import Base
from sasaeai_desktop.db.search_index import include_object

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached by running the alembic CLI by hand
    from sqlalchemy import create_engine

    url = config.get_main_option("sqlalchemy.url") or "sqlite:///sasaeai-dev.db"
    connection = create_engine(url).connect()

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by rebuilding them
    compare_type=True,
    include_object=include_object,  # the FTS index is not described by the models
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
