"""Secure threads through the messaging API on SQLite and PostgreSQL: a client and the practice
exchange messages, read them, retract within five minutes; staff filter, assign and archive; another
practice's staff and another client get 404 for every thread path."""

from messaging.adapters.orm import message_audit
from portalkit.testing import outbox_events
from sqlalchemy import select


def start(web, client, subject="Running late", text="I may be 10 minutes late on Friday.", **more):
    answer = web.post("/api/v1/threads", json={"subject": subject, "text": text, **more}, headers=client.headers)
    assert answer.status_code == 201, answer.json
    return answer.json


def test_a_client_writes_and_the_practice_answers_each_side_with_its_unread_count(web, ana, dana, clock):
    thread = start(web, ana, clinician_id=dana.account_id)
    assert thread["assigned_to"] == dana.account_id
    assert thread["messages"][0]["mine"] is True

    inbox = web.get("/api/v1/staff/inbox?unread=true", headers=dana.headers).json
    assert [(t["id"], t["unread"]) for t in inbox["items"]] == [(thread["id"], 1)]
    clock.advance(minutes=3)
    reply = web.post(
        f"/api/v1/staff/threads/{thread['id']}/messages",
        json={"text": "No problem, see you then."},
        headers=dana.headers,
    )
    assert reply.status_code == 201
    assert web.post(f"/api/v1/staff/threads/{thread['id']}/read", headers=dana.headers).status_code == 200

    assert web.get("/api/v1/messages/unread", headers=ana.headers).json == {"unread": 1}
    opened = web.get(f"/api/v1/threads/{thread['id']}", headers=ana.headers).json
    first, answer = opened["messages"]
    assert first["read_at"] is not None  # the client's read receipt: the practice opened it
    assert (answer["text"], answer["sender_side"], answer["mine"], answer["read_at"]) == (
        "No problem, see you then.",
        "staff",
        False,
        None,
    )
    web.post(f"/api/v1/threads/{thread['id']}/read", headers=ana.headers)
    assert web.get("/api/v1/messages/unread", headers=ana.headers).json == {"unread": 0}
    assert web.get("/api/v1/staff/inbox?unread=true", headers=dana.headers).json["items"] == []


def test_markup_comes_back_escaped_and_bad_input_is_refused_naming_the_field(web, ana):
    thread = start(web, ana, text='<script>alert("x")</script>\nsecond line')
    message = thread["messages"][0]
    assert message["text"] == '<script>alert("x")</script>\nsecond line'
    assert message["html"] == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>second line"

    too_long = web.post(f"/api/v1/threads/{thread['id']}/messages", json={"text": "x" * 5001}, headers=ana.headers)
    blank = web.post(f"/api/v1/threads/{thread['id']}/messages", json={"text": "  \n "}, headers=ana.headers)
    unknown = web.post(f"/api/v1/threads/{thread['id']}/messages", json={"text": "hi", "at": 1}, headers=ana.headers)
    for refused, field in ((too_long, "text"), (blank, "text"), (unknown, "at")):
        assert refused.status_code == 422
        assert refused.content_type == "application/problem+json"
        assert field in refused.json["errors"]
    assert len(web.get(f"/api/v1/threads/{thread['id']}", headers=ana.headers).json["messages"]) == 1


def test_the_sender_retracts_within_five_minutes_and_the_text_stays_only_in_the_audit(web, ana, dana, clock, engine):
    thread = start(web, ana, text="Sent to the wrong practice, sorry")
    message = thread["messages"][0]
    assert message["retractable_until"] == "2026-01-05T09:05:00Z"
    path = f"/api/v1/threads/{thread['id']}/messages/{message['id']}/retract"
    staff_path = f"/api/v1/staff/threads/{thread['id']}/messages/{message['id']}/retract"
    assert web.post(staff_path, headers=dana.headers).json["code"] == "not-your-message"

    clock.advance(minutes=4, seconds=59)
    retracted = web.post(path, headers=ana.headers)

    assert retracted.status_code == 200
    assert (retracted.json["text"], retracted.json["retracted"]) == (None, True)
    seen_by_staff = web.get(f"/api/v1/staff/threads/{thread['id']}", headers=dana.headers).json["messages"][0]
    assert (seen_by_staff["text"], seen_by_staff["html"], seen_by_staff["retracted"]) == (None, None, True)
    with engine.connect() as connection:
        audit = connection.execute(select(message_audit)).one()
    assert (audit.message_id, audit.actor_id, audit.original_body) == (
        message["id"],
        ana.account_id,
        "Sent to the wrong practice, sorry",
    )
    (event,) = outbox_events(engine, "messaging.message.retracted")
    assert "Sent to the wrong" not in str(event.data)
    assert web.post(path, headers=ana.headers).json["code"] == "already-retracted"


def test_after_five_minutes_a_message_stays(web, ana, clock):
    thread = start(web, ana)
    clock.advance(minutes=5, seconds=1)
    message = web.get(f"/api/v1/threads/{thread['id']}", headers=ana.headers).json["messages"][0]
    assert message["retractable_until"] is None

    answer = web.post(f"/api/v1/threads/{thread['id']}/messages/{message['id']}/retract", headers=ana.headers)

    assert (answer.status_code, answer.json["code"]) == (409, "retract-window-closed")


def test_staff_filter_assign_and_archive_and_a_client_message_brings_the_thread_back(web, person, dana, clock):
    ana, ben = person("client"), person("client")
    front = person("front_desk")
    mine = start(web, ana)
    theirs = start(web, ben, subject="Invoice")
    assigned = web.post(
        f"/api/v1/staff/threads/{mine['id']}/assign", json={"staff_id": dana.account_id}, headers=front.headers
    )
    assert assigned.json["assigned_to"] == dana.account_id
    stranger = web.post(
        f"/api/v1/staff/threads/{mine['id']}/assign", json={"staff_id": "nobody"}, headers=front.headers
    )
    assert (stranger.status_code, list(stranger.json["errors"])) == (422, ["staff_id"])

    def inbox(query=""):
        return [t["id"] for t in web.get(f"/api/v1/staff/inbox{query}", headers=dana.headers).json["items"]]

    assert inbox("?assigned=me") == [mine["id"]]
    assert inbox(f"?client_id={ben.client_id}") == [theirs["id"]]
    assert web.post(f"/api/v1/staff/threads/{theirs['id']}/archive", headers=dana.headers).status_code == 200
    assert inbox() == [mine["id"]]
    assert inbox("?archived=true") == [theirs["id"]]

    clock.advance(minutes=1)
    web.post(f"/api/v1/threads/{theirs['id']}/messages", json={"text": "One more thing"}, headers=ben.headers)

    assert set(inbox()) == {mine["id"], theirs["id"]}


def test_staff_start_a_thread_with_a_client_of_their_practice_only(web, ana, dana, person):
    body = {"client_id": ana.client_id, "subject": "Your letter", "text": "The letter is ready."}
    started = web.post("/api/v1/staff/threads", json=body, headers=dana.headers)
    assert started.status_code == 201
    assert [t["id"] for t in web.get("/api/v1/threads", headers=ana.headers).json["items"]] == [started.json["id"]]

    other = person("client", practice_id="practice-b")
    refused = web.post("/api/v1/staff/threads", json=body | {"client_id": other.client_id}, headers=dana.headers)
    assert refused.status_code == 404


def test_another_practice_and_another_client_get_404_on_every_thread_path(web, ana, dana, person):
    thread = start(web, ana)
    message_id = thread["messages"][0]["id"]
    ben = person("client")
    outsider = person("owner", practice_id="practice-b")
    outsider_client = person("client", practice_id="practice-b")
    for who, prefix in ((ben, "/api/v1"), (outsider_client, "/api/v1"), (outsider, "/api/v1/staff")):
        base = f"{prefix}/threads/{thread['id']}"
        answers = [
            web.get(base, headers=who.headers),
            web.post(f"{base}/messages", json={"text": "hello"}, headers=who.headers),
            web.post(f"{base}/read", headers=who.headers),
            web.post(f"{base}/messages/{message_id}/retract", headers=who.headers),
        ]
        if prefix.endswith("staff"):
            answers += [
                web.post(f"{base}/assign", json={"staff_id": None}, headers=who.headers),
                web.post(f"{base}/archive", headers=who.headers),
            ]
        assert [a.status_code for a in answers] == [404] * len(answers)
    assert web.get("/api/v1/threads", headers=ben.headers).json == {"items": [], "unread": 0}
    assert web.get("/api/v1/staff/inbox", headers=outsider.headers).json["items"] == []
    assert web.get("/api/v1/staff/inbox", headers=ana.headers).status_code == 403
    assert web.get("/api/v1/threads", headers=dana.headers).status_code == 403
    assert len(web.get(f"/api/v1/threads/{thread['id']}", headers=ana.headers).json["messages"]) == 1


def test_events_name_ids_and_never_the_text(web, ana, dana, engine):
    thread = start(web, ana, subject="Private subject", text="Private words", clinician_id=dana.account_id)

    (started,) = outbox_events(engine, "messaging.thread.started")
    (sent,) = outbox_events(engine, "messaging.message.sent")
    assert started.data == {
        "thread_id": thread["id"],
        "client_id": ana.client_id,
        "clinician_id": dana.account_id,
        "started_by": "client",
    }
    assert sent.data["sender_side"] == "client"
    assert sent.data["assigned_to"] == dana.account_id
    assert "Private" not in str(started.to_dict()) + str(sent.to_dict())
