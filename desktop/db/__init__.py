"""Storage: opening, checking and migrating the database."""

from desktop.db.database import Database, open_database
from desktop.db.errors import DatabaseRefused, RefusalReason

__all__ = ["Database", "DatabaseRefused", "RefusalReason", "open_database"]
