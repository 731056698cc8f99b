"""Storage: SQLAlchemy models, the engine, migrations and repositories (no Qt)."""
