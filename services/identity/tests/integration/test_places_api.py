"""The sessions page and the "was this you?" list name where each sign-in came from."""

import dataclasses

import pytest
from mmdb_writer import MMDBWriter
from netaddr import IPSet

CLIENT_PASSWORD = "lanterns over the bay"
HARBOUR_TOWN = "203.0.113.0/24"  # a documentation range, placed by the test database


@pytest.fixture
def settings(settings, tmp_path):
    """Identity with a small geolocation database of its own."""
    writer = MMDBWriter(ip_version=6, ipv4_compatible=True, database_type="GeoLite2-City")
    place = {"city": {"names": {"en": "Harbour Town"}}, "country": {"names": {"en": "New Zealand"}}}
    writer.insert_network(IPSet([HARBOUR_TOWN]), place)
    path = tmp_path / "places.mmdb"
    writer.to_db_file(str(path))
    return dataclasses.replace(settings, geoip_database=str(path))


def sign_in(http, email, address):
    body = {"email": email, "password": CLIENT_PASSWORD}
    answer = http.post("/api/v1/auth/login", json=body, headers={"X-Forwarded-For": address})
    return {"Authorization": f"Bearer {answer.json['access_token']}"}


def test_sessions_and_sign_ins_name_the_place_of_each_address(http, client_account):
    here = sign_in(http, client_account["email"], "203.0.113.7")
    sign_in(http, client_account["email"], "192.168.1.20")
    sign_in(http, client_account["email"], "198.51.100.9")

    sessions = http.get("/api/v1/me/sessions", headers=here).json["items"]
    sign_ins = http.get("/api/v1/me/sign-ins", headers=here).json["items"]

    expected = {"203.0.113.7": "Harbour Town, New Zealand", "192.168.1.20": "Local network", "198.51.100.9": None}
    assert {s["ip"]: s["place"] for s in sessions} == expected
    assert {s["ip"]: s["place"] for s in sign_ins} == expected
