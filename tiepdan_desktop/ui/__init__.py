"""Everything Qt: the main window, pages, dialogs, table models and background tasks.

Widgets stay thin: they gather input, call a service through the TaskRunner,
and show the result or the error messages next to the fields.
"""
