"""Queries.  Repositories return ids, pages and plain records, never live ORM
objects, to the layers above."""
