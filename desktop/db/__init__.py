"""Storage: opening, checking and migrating the database (desktop.db.database).

No imports here: desktop.db.errors is needed before SQLAlchemy may be loaded.
"""
