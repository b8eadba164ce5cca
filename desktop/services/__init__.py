"""Use cases (no Qt). Importing any of them installs the audit trail's session hook."""

from desktop.services import audit as _audit  # noqa: F401  (registers the hook on import)
