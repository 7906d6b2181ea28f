"""The formats of the codes an insurer reads on a superbill: ICD-10-CM diagnoses, CPT / HCPCS services
and their modifiers, CMS places of service, NPIs and US tax ids. Formats only: whether a code exists
in this year's code set is the practice's to know."""

from __future__ import annotations

import re

# A letter (U is reserved), a digit, a digit or letter, then optionally a dot and 1 to 4 more: F41.1, Z63.0.
ICD10 = re.compile(r"[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?")
# CPT: five digits (Category I), four digits and F or T (Categories II and III); HCPCS: a letter and four digits.
CPT = re.compile(r"[0-9]{5}|[0-9]{4}[FT]|[A-V][0-9]{4}")
MODIFIER = re.compile(r"[0-9A-Z]{2}")
PLACE_OF_SERVICE = re.compile(r"[0-9]{2}")
NPI = re.compile(r"[0-9]{10}")
TAX_ID = re.compile(r"[0-9]{2}-?[0-9]{7}")


def is_icd10(code: str) -> bool:
    return ICD10.fullmatch(code) is not None


def is_cpt(code: str) -> bool:
    return CPT.fullmatch(code) is not None


def is_modifier(code: str) -> bool:
    return MODIFIER.fullmatch(code) is not None


def is_place_of_service(code: str) -> bool:
    return PLACE_OF_SERVICE.fullmatch(code) is not None and code != "00"


def is_npi(number: str) -> bool:
    """Ten digits whose last is the Luhn check digit over the prefix 80840 and the first nine."""
    if NPI.fullmatch(number) is None:
        return False
    digits = [int(d) for d in "80840" + number]
    total = 0
    for position, digit in enumerate(reversed(digits)):
        if position % 2 == 1:
            digit *= 2
            digit = digit - 9 if digit > 9 else digit
        total += digit
    return total % 10 == 0


def is_tax_id(number: str) -> bool:
    """An EIN: nine digits, written 12-3456789 or 123456789."""
    return TAX_ID.fullmatch(number) is not None
