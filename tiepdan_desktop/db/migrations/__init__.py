"""Alembic migration scripts; run them through tiepdan_desktop.db.migrate."""
