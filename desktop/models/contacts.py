"""Contact details shared by member and organisation records: e-mail and telephone formats."""

from __future__ import annotations

import re

from desktop.models.problems import Problem, ProblemCode

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9 .\-]{8,20}$")


def is_valid_email(text: str) -> bool:
    return bool(_EMAIL.match(text))


def is_valid_phone(text: str) -> bool:
    return bool(_PHONE.match(text))


def check_contacts(email: str | None, phone: str | None) -> list[Problem]:
    """EMAIL_FORMAT / PHONE_FORMAT for the fields named 'email' and 'phone' (blank is allowed)."""
    problems: list[Problem] = []
    if email and not is_valid_email(email):
        problems.append(Problem("email", ProblemCode.EMAIL_FORMAT))
    if phone and not is_valid_phone(phone):
        problems.append(Problem("phone", ProblemCode.PHONE_FORMAT))
    return problems
