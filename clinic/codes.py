"""Clinic codes as plain values: made, shown and read back (no database).

A code is 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z), shown
as two groups of four, ``K7QM-3XRT``. Patients may type it in any case, with or without the dash
or spaces. 27⁸ (about 2.8 × 10¹¹) codes make guessing pointless, and a guess only ever produces
a request that the clinician must accept.
"""

import secrets

ALPHABET = "ABCDEFGHJKMNPQRTUVWXY346789"  # 27 symbols, no look-alikes
LENGTH = 8


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize_code(typed: str) -> str:
    """What a patient typed, as stored: upper case, with spaces and dashes dropped."""
    return "".join(ch for ch in typed.upper() if ch not in " -–")


def format_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}" if len(code) == LENGTH else code
