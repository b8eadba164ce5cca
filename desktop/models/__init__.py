"""ORM models and domain rules. No Qt, no services.

Kept free of imports on purpose: the light modules (enums, dates, text, problems) are used
before the first window paint, when SQLAlchemy must not be loaded yet.
"""
