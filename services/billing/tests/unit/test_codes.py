"""The formats of the codes a superbill carries."""

import pytest
from billing.domain import codes


@pytest.mark.parametrize("code", ["F41.1", "F32.A", "Z63.0", "F43.10", "F90"])
def test_icd10_codes_are_accepted(code):
    assert codes.is_icd10(code)


@pytest.mark.parametrize("code", ["41.1", "f41.1", "U07.1", "F4", "F41.12345", "F41-1", ""])
def test_what_is_not_an_icd10_code_is_refused(code):
    assert not codes.is_icd10(code)


@pytest.mark.parametrize(("code", "valid"), [("90834", True), ("0591T", True), ("G0444", True), ("9083", False)])
def test_cpt_and_hcpcs_codes(code, valid):
    assert codes.is_cpt(code) is valid


def test_no_show_and_late_cancel_codes_are_not_cpt():
    assert not codes.is_cpt("NO-SHOW") and not codes.is_cpt("LATE-CANCEL")


def test_an_npi_has_its_check_digit():
    assert codes.is_npi("1234567893")
    assert not codes.is_npi("1234567890") and not codes.is_npi("123456789") and not codes.is_npi("12345678AB")


def test_places_of_service_modifiers_and_tax_ids():
    assert codes.is_place_of_service("11") and codes.is_place_of_service("10")
    assert not codes.is_place_of_service("00") and not codes.is_place_of_service("1")
    assert codes.is_modifier("95") and codes.is_modifier("GT") and not codes.is_modifier("9")
    assert codes.is_tax_id("12-3456789") and codes.is_tax_id("123456789") and not codes.is_tax_id("12-34567")
