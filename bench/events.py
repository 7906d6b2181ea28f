"""Outbox relay throughput (SQLite outbox -> RabbitMQ with publisher confirms, rows marked sent)
against raw pika publishing without confirms, in the same run, with the same message size.

Prints one JSON object: {"relay_per_s", "raw_per_s", "ratio", "events", "message_bytes"}.
Goal (issue 3): relay_per_s >= 3000 and ratio >= 0.3 on a 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import uuid

import pika
from portalkit.broker import ConfirmingPublisher, declare_consumer_queue, message_properties
from portalkit.clock import SystemClock
from portalkit.db import UnitOfWork, make_engine, make_session_factory
from portalkit.outbox import OutboxRelay, OutgoingMessage, define_outbox_table
from portalkit.testing import outbox_events, temporary_vhost
from sqlalchemy import MetaData

EVENT_TYPE = "identity.client.created"


def write_outbox(engine, count: int) -> None:
    clock = SystemClock()
    factory = make_session_factory(engine)
    for start in range(0, count, 1000):
        with UnitOfWork(factory, clock) as uow:
            for _ in range(min(1000, count - start)):
                uow.publish(EVENT_TYPE, {"client_id": str(uuid.uuid4())}, "bench-practice")
            uow.commit()


def measure_relay(engine, amqp_url: str, batch_size: int) -> float:
    relay = OutboxRelay(engine, lambda: ConfirmingPublisher(amqp_url), SystemClock(), batch_size=batch_size)
    started = time.perf_counter()
    published = sum(iter(relay.relay_once, 0))
    elapsed = time.perf_counter() - started
    assert relay.backlog() == 0
    return published / elapsed


def measure_raw(amqp_url: str, envelopes) -> float:
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    channel = connection.channel()
    messages = [OutgoingMessage.of(envelope) for envelope in envelopes]
    started = time.perf_counter()
    for message in messages:
        channel.basic_publish(message.exchange, message.routing_key, message.body, message_properties(message))
    connection.process_data_events(time_limit=0)
    elapsed = time.perf_counter() - started
    connection.close()
    return len(envelopes) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--batch-size", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, temporary_vhost() as amqp_url:
        engine = make_engine(f"sqlite:///{folder}/bench.db")
        metadata = MetaData()
        define_outbox_table(metadata)
        metadata.create_all(engine)
        write_outbox(engine, args.events)
        envelopes = outbox_events(engine)
        # Both runs deliver into the same durable quorum queue, as production consumers would.
        connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
        declare_consumer_queue(connection.channel(), "bench.sink", [EVENT_TYPE], delivery_limit=5)
        connection.close()
        raw = measure_raw(amqp_url, envelopes)
        relay = measure_relay(engine, amqp_url, args.batch_size)
        engine.dispose()
    figures = {
        "relay_per_s": round(relay),
        "raw_per_s": round(raw),
        "ratio": round(relay / raw, 3),
        "events": args.events,
        "message_bytes": len(envelopes[0].to_json()),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
