"""Entering a video room through the portal: only the appointment's client and its clinician are sent
on, only while the room is open, each with a token of their own when the video server checks tokens
(an app secret is set). Everyone else is refused with a problem, and learns nothing of the room."""

import datetime as dt

import jwt
import pytest
from scheduling.settings import SchedulingSettings

START, END = "2026-03-04T15:00:00Z", "2026-03-04T15:50:00Z"  # the clock stands at 2 March 13:00 UTC
SECRET = "a-video-server-secret-of-32-bytes!"


@pytest.fixture
def settings(database_url):
    return SchedulingSettings(
        database_url=database_url,
        internal_token="internal-secret",
        public_base_url="https://portal.example",
        video_base_url="https://video.example",
        video_app_id="client-portal",
        video_app_secret=SECRET,
        video_token_audience="jitsi",
        video_token_domain="video.example",
    )


@pytest.fixture
def appointment(book, web, signed_in, clinician_id):
    made = book(START)
    assert made.status_code == 201, made.json
    web.put(
        f"/api/v1/staff/clinicians/{clinician_id}/availability",
        json={"display_name": "Dana Reyes", "windows": []},
        headers=signed_in("owner"),
    )
    return made.json["items"][0]


@pytest.fixture
def enter(web, appointment):
    def enter(headers, staff=False):
        path = f"/api/v1/{'staff/' if staff else ''}appointments/{appointment['id']}/video"
        return web.get(path, headers=headers)

    return enter


def at(clock, moment):
    clock.advance(seconds=(dt.datetime.fromisoformat(moment) - clock.now()).total_seconds())


def claims_of(answer, audience="jitsi"):
    location = answer.headers["Location"]
    room_url, token = location.split("?jwt=")
    # The test's clock is not the machine's: `exp` is compared below, not against the machine's time.
    claims = jwt.decode(
        token, SECRET, algorithms=["HS256"], audience=audience, issuer="client-portal", options={"verify_exp": False}
    )
    return room_url, claims


def test_the_client_and_the_clinician_enter_with_tokens_of_their_own(
    enter, signed_in, client_id, clinician_id, clock, appointment, engine
):
    at(clock, "2026-03-04T14:50:00+00:00")

    as_client = enter(signed_in("client", profile_id=client_id))
    as_clinician = enter(signed_in("clinician", account_id=clinician_id), staff=True)

    client_room, client = claims_of(as_client)
    clinician_room, clinician = claims_of(as_clinician)
    with engine.connect() as connection:
        room = connection.exec_driver_sql(
            f"SELECT video_room FROM appointments WHERE id = '{appointment['id']}'"
        ).scalar_one()
    assert as_client.status_code == as_clinician.status_code == 303
    assert as_client.headers["Cache-Control"] == "no-store"
    assert client_room == clinician_room == f"https://video.example/{room}"
    assert client["room"] == clinician["room"] == room
    assert client["sub"] == "video.example" and client["iss"] == "client-portal" and client["aud"] == "jitsi"
    assert client["exp"] == clinician["exp"] == int(dt.datetime.fromisoformat(END).timestamp())
    assert client["context"]["user"] == {"id": client_id, "name": "Robin", "moderator": False, "affiliation": "member"}
    assert clinician["context"]["user"] == {
        "id": clinician_id,
        "name": "Dana Reyes",
        "moderator": True,
        "affiliation": "owner",
    }


def test_a_token_for_another_server_or_signed_with_another_secret_is_refused_by_it(enter, signed_in, client_id, clock):
    at(clock, "2026-03-04T15:10:00+00:00")
    token = enter(signed_in("client", profile_id=client_id)).headers["Location"].split("?jwt=")[1]

    with pytest.raises(jwt.InvalidAudienceError):
        jwt.decode(token, SECRET, algorithms=["HS256"], audience="another-server", options={"verify_exp": False})
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, "another-secret-of-thirty-two-bytes", algorithms=["HS256"], audience="jitsi")
    with pytest.raises(jwt.ExpiredSignatureError):  # by the machine's clock, 4 March 2026 has passed
        jwt.decode(token, SECRET, algorithms=["HS256"], audience="jitsi")


@pytest.mark.parametrize(
    ("moment", "code"),
    [("2026-03-04T14:49:59+00:00", "video-not-open"), ("2026-03-04T15:50:00+00:00", "video-ended")],
)
def test_outside_the_window_the_room_stays_shut(enter, signed_in, client_id, clock, appointment, moment, code):
    at(clock, moment)

    answer = enter(signed_in("client", profile_id=client_id))

    assert answer.status_code == 409 and answer.content_type == "application/problem+json"
    assert answer.json["code"] == code and "Location" not in answer.headers
    if code == "video-not-open":
        assert answer.json["opens_at"] == "2026-03-04T14:50:00Z"


def test_no_one_else_is_let_in(enter, signed_in, identity, practice, clock):
    at(clock, "2026-03-04T15:00:00+00:00")
    other_client = identity.add_client(practice)
    elsewhere = identity.add_client("another-practice")

    outsider = enter(signed_in("client", profile_id=other_client))
    other_practice = enter(signed_in("client", profile_id=elsewhere, practice_id="another-practice"))
    other_practice_staff = enter(signed_in("owner", practice_id="another-practice"), staff=True)
    front_desk = enter(signed_in("front_desk"), staff=True)
    other_clinician = enter(signed_in("clinician"), staff=True)

    assert [outsider.status_code, other_practice.status_code, other_practice_staff.status_code] == [404, 404, 404]
    assert [front_desk.status_code, other_clinician.status_code] == [403, 403]
    for refused in (outsider, other_practice, other_practice_staff, front_desk, other_clinician):
        assert refused.content_type == "application/problem+json" and "Location" not in refused.headers


def test_a_cancelled_appointment_or_one_in_person_has_no_room_to_enter(
    web, book, signed_in, client_id, clock, appointment
):
    web.post(f"/api/v1/staff/appointments/{appointment['id']}/cancel", json={"by": "practice"}, headers=signed_in())
    in_person = book("2026-03-04T16:00:00Z", mode="in_person", location="Room 2").json["items"][0]
    at(clock, "2026-03-04T15:05:00+00:00")
    as_client = signed_in("client", profile_id=client_id)

    cancelled = web.get(f"/api/v1/appointments/{appointment['id']}/video", headers=as_client)
    not_video = web.get(f"/api/v1/appointments/{in_person['id']}/video", headers=as_client)

    assert (cancelled.status_code, cancelled.json["code"]) == (409, "appointment-closed")
    assert (not_video.status_code, not_video.json["code"]) == (409, "not-video")


def test_while_telehealth_is_off_no_one_enters(enter, signed_in, client_id, clinician_id, identity, clock):
    identity.features_off.add("telehealth")
    at(clock, "2026-03-04T15:00:00+00:00")

    answer = enter(signed_in("client", profile_id=client_id))

    assert (answer.status_code, answer.json["code"], answer.json["feature"]) == (403, "feature-off", "telehealth")
