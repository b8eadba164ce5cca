"""Password hashing and the password and user-name rules of accounts (issue 4).

Hashes are Argon2id with the parameters the OWASP Password Storage Cheat Sheet recommends
(https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html, "Argon2id
with a minimum configuration of 19 MiB of memory, an iteration count of 2, and 1 degree of
parallelism"). A stored hash made with other parameters is replaced at the next sign-in.
Passwords are NFC-normalised first, so the same password typed with a composed or a decomposed
"ế" is one password. Nothing here logs or echoes a password or a hash.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from desktop.models.problems import Problem, ProblemCode
from desktop.models.rules import RuleBook, RuleCode

HASHER = PasswordHasher(
    time_cost=2,  # OWASP: t=2
    memory_cost=19 * 1024,  # OWASP: m=19 MiB (19456 KiB)
    parallelism=1,  # OWASP: p=1
    hash_len=32,
    salt_len=16,
    type=Type.ID,
)

USERNAME_MAX_LENGTH = 60  # user_account.username
FULL_NAME_MAX_LENGTH = 100  # user_account.full_name
_USERNAME_PUNCTUATION = frozenset("._-")

# Verified against when the user name is unknown, so that a wrong name costs as long as a wrong
# password and the answer does not tell which accounts exist.
_DUMMY_HASH = HASHER.hash("party-office: no such account")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def normalize_username(username: str) -> str:
    """The stored form of a user name: trimmed, NFC, lower case ("Lan " and "lan" are one)."""
    return _nfc(username.strip()).lower()


def hash_password(password: str) -> str:
    return HASHER.hash(_nfc(password))


def password_matches(stored_hash: str, password: str) -> bool:
    try:
        return HASHER.verify(stored_hash, _nfc(password))
    except (VerificationError, InvalidHashError):
        return False


def burn_verification(password: str) -> None:
    """Spend the time of one verification for an unknown user name; always fails."""
    password_matches(_DUMMY_HASH, password)


def needs_rehash(stored_hash: str) -> bool:
    try:
        return HASHER.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


def password_problems(
    password: str, username: str, rules: RuleBook, on: dt.date, field: str = "password"
) -> list[Problem]:
    """Broken password rules: the shortest length of the rule table, and not the user name."""
    text = _nfc(password)
    minimum = int(rules.value(RuleCode.PASSWORD_MIN_LENGTH, on))
    problems = []
    if len(text) < minimum:
        problems.append(Problem(field, ProblemCode.PASSWORD_TOO_SHORT, {"min": minimum}))
    if normalize_username(text) == normalize_username(username):
        problems.append(Problem(field, ProblemCode.PASSWORD_IS_USERNAME))
    return problems


def username_problems(username: str, field: str = "username") -> list[Problem]:
    """Letters (with diacritics), digits and . _ - only, at most 60 characters."""
    name = normalize_username(username)
    if not name:
        return [Problem(field, ProblemCode.REQUIRED)]
    if len(name) > USERNAME_MAX_LENGTH or not all(
        ch.isalnum() or ch in _USERNAME_PUNCTUATION for ch in name
    ):
        return [Problem(field, ProblemCode.USERNAME_FORMAT, {"max": USERNAME_MAX_LENGTH})]
    return []


def full_name_problems(full_name: str, field: str = "full_name") -> list[Problem]:
    name = full_name.strip()
    if not name:
        return [Problem(field, ProblemCode.REQUIRED)]
    if len(name) > FULL_NAME_MAX_LENGTH:
        return [Problem(field, ProblemCode.TEXT_TOO_LONG, {"max": FULL_NAME_MAX_LENGTH})]
    return []
