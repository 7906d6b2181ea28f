"""Migrations, readiness, the outbox relay to RabbitMQ and the command line."""

import pika
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from identity import cli
from identity.adapters.orm import metadata
from portalkit.broker import ConfirmingPublisher
from portalkit.outbox import OutboxRelay


def test_the_migrations_build_exactly_the_tables_the_code_expects(engine):
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []


def test_ready_when_database_and_broker_answer(http):
    answer = http.get("/readyz")

    assert answer.status_code == 200
    assert answer.json["checks"] == ["broker", "database"]


def test_the_relay_publishes_a_new_clients_event_to_rabbitmq(new_client, engine, amqp_url, clock):
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    channel = connection.channel()
    channel.exchange_declare("identity", exchange_type="topic", durable=True)
    queue = channel.queue_declare("", exclusive=True).method.queue
    channel.queue_bind(queue, "identity", routing_key="identity.client.created")
    client = new_client()

    published = OutboxRelay(engine, lambda: ConfirmingPublisher(amqp_url), clock).relay_once()

    _method, _properties, body = channel.basic_get(queue, auto_ack=True)
    connection.close()
    assert published == 2  # the staff member's sign-in, then the new client
    assert client["id"].encode() in body


def test_seed_demo_prints_one_sign_in_line_and_can_run_again(database_url, monkeypatch, capsys, sign_in, http):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("DEMO_PASSWORD", "riverbend demo walk")

    assert cli.main(["seed-demo"]) == 0
    assert cli.main(["seed-demo"]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert lines == ["Staff sign-in: owner@demo.test / riverbend demo walk"] * 2
    tokens = sign_in("owner@demo.test", "riverbend demo walk")
    me = http.get("/api/v1/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert (me.json["role"], me.json["practice_name"]) == ("owner", "Riverbend Counseling (demo)")
