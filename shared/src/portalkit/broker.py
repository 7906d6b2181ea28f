"""RabbitMQ through pika: topology, a batch publisher with confirms, and a consumer loop.

Topology: one durable topic exchange per producing service (its name is the event type's first
part); each consumer owns a durable quorum queue `<consumer>.<purpose>` with a delivery limit and a
dead-letter route into `<queue>.dlq`, where poison messages wait, visible and replayable.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

import pika
import pika.exceptions
from pika.adapters.blocking_connection import BlockingChannel

from portalkit.events import Envelope, EnvelopeError
from portalkit.outbox import OutgoingMessage

log = logging.getLogger(__name__)

DEAD_LETTER_EXCHANGE = "portal.dead-letter"


class BrokerError(RuntimeError):
    """The broker cannot be reached or did not take a message; retry later."""


class PoisonMessage(Exception):
    """A message that can never be handled: dead-letter it at once."""


def connection_parameters(amqp_url: str) -> pika.URLParameters:
    parameters = pika.URLParameters(amqp_url)
    parameters.heartbeat = 30
    parameters.blocked_connection_timeout = 30
    parameters.socket_timeout = 5
    parameters.connection_attempts = 1
    parameters.client_properties = {"connection_name": "portal"}
    return parameters


def connect(amqp_url: str) -> pika.BlockingConnection:
    try:
        return pika.BlockingConnection(connection_parameters(amqp_url))
    except pika.exceptions.AMQPError as error:
        raise BrokerError(f"cannot connect to the broker: {error!r}") from error


def ping(amqp_url: str) -> None:
    connect(amqp_url).close()


def declare_exchange(channel: BlockingChannel, name: str) -> None:
    channel.exchange_declare(exchange=name, exchange_type="topic", durable=True)


def declare_consumer_queue(channel: BlockingChannel, queue: str, bindings: Iterable[str], delivery_limit: int) -> None:
    """Declare `queue` bound to each event type in `bindings`, with its dead-letter queue."""
    channel.exchange_declare(exchange=DEAD_LETTER_EXCHANGE, exchange_type="direct", durable=True)
    channel.queue_declare(queue=f"{queue}.dlq", durable=True, arguments={"x-queue-type": "quorum"})
    channel.queue_bind(queue=f"{queue}.dlq", exchange=DEAD_LETTER_EXCHANGE, routing_key=queue)
    channel.queue_declare(
        queue=queue,
        durable=True,
        arguments={
            "x-queue-type": "quorum",
            "x-delivery-limit": delivery_limit,
            "x-dead-letter-exchange": DEAD_LETTER_EXCHANGE,
            "x-dead-letter-routing-key": queue,
        },
    )
    for event_type in bindings:
        exchange = event_type.split(".", 1)[0]
        declare_exchange(channel, exchange)
        channel.queue_bind(queue=queue, exchange=exchange, routing_key=event_type)


def message_properties(message: OutgoingMessage) -> pika.BasicProperties:
    headline = message.headline()
    return pika.BasicProperties(
        content_type="application/json",
        delivery_mode=pika.DeliveryMode.Persistent,
        message_id=headline["id"],
        type=headline["type"],
        correlation_id=headline["correlation_id"],
        headers={"version": headline["version"]},
    )


class ConfirmingPublisher:
    """Publishes a whole batch, then waits until the broker has confirmed every message of it.

    pika's BlockingChannel waits for each confirm before the next publish (one round trip per
    event). Here the batch is written on the underlying asynchronous channel and the confirms are
    collected as they arrive, so a batch costs about one round trip.
    """

    def __init__(self, amqp_url: str, confirm_timeout: float = 30.0) -> None:
        self._confirm_timeout = confirm_timeout
        self._connection = connect(amqp_url)
        try:
            self._channel = self._connection.channel()
            self._async_channel = self._channel._impl
            self._declared: set[str] = set()
            self._next_tag = 1
            self._unconfirmed: set[int] = set()
            self._nacked: set[int] = set()
            self._enable_confirms()
        except pika.exceptions.AMQPError as error:
            self.close()
            raise BrokerError(f"cannot open a confirming channel: {error!r}") from error

    def _enable_confirms(self) -> None:
        selected: list[bool] = []
        self._async_channel.confirm_delivery(
            ack_nack_callback=self._on_confirm, callback=lambda _frame: selected.append(True)
        )
        self._wait(lambda: bool(selected), "confirm.select")

    def publish_batch(self, messages: list[OutgoingMessage]) -> None:
        try:
            self._publish_all(messages)
        except pika.exceptions.AMQPError as error:
            raise BrokerError(f"publish failed: {error!r}") from error
        if self._nacked:
            nacked = len(self._nacked)
            self._nacked.clear()
            raise BrokerError(f"the broker refused {nacked} message(s)")

    def _publish_all(self, messages: list[OutgoingMessage]) -> None:
        for exchange in {message.exchange for message in messages} - self._declared:
            declare_exchange(self._channel, exchange)
            self._declared.add(exchange)
        for message in messages:
            self._async_channel.basic_publish(
                exchange=message.exchange,
                routing_key=message.routing_key,
                body=message.body,
                properties=message_properties(message),
            )
            self._unconfirmed.add(self._next_tag)
            self._next_tag += 1
        self._wait(lambda: not self._unconfirmed, "publisher confirms")

    def _on_confirm(self, frame: Any) -> None:
        method = frame.method
        tags = {t for t in self._unconfirmed if t <= method.delivery_tag} if method.multiple else {method.delivery_tag}
        self._unconfirmed -= tags
        if isinstance(method, pika.spec.Basic.Nack):
            self._nacked |= tags

    def _wait(self, done: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + self._confirm_timeout
        while not done():
            if self._connection.is_closed or time.monotonic() > deadline:
                raise BrokerError(f"no answer from the broker for {what}")
            self._connection.process_data_events(time_limit=0.001)

    def close(self) -> None:
        if self._connection.is_open:
            with contextlib.suppress(pika.exceptions.AMQPError):
                self._connection.close()


class EventConsumer:
    """Consumes one queue; acks after `handle` returns (its transaction committed).

    `handle` raising PoisonMessage dead-letters the message at once; any other exception returns it
    to the queue, whose delivery limit dead-letters it in the end. `handle` waits out an unreachable
    database itself (see portalkit.inbox), so an outage does not push good messages to the DLQ.
    """

    def __init__(
        self,
        amqp_url: str,
        queue: str,
        bindings: Iterable[str],
        handle: Callable[[Envelope], None],
        delivery_limit: int = 5,
        prefetch: int = 20,
    ) -> None:
        self._amqp_url = amqp_url
        self._queue = queue
        self._bindings = list(bindings)
        self._handle = handle
        self._delivery_limit = delivery_limit
        self._prefetch = prefetch
        self.ready = threading.Event()

    def run(self, stop: threading.Event, max_backoff: float = 10.0) -> None:
        backoff = 0.5
        while not stop.is_set():
            try:
                self._consume_until(stop)
                backoff = 0.5
            except (BrokerError, pika.exceptions.AMQPError, OSError) as error:
                self.ready.clear()
                log.warning("consumer paused", extra={"queue": self._queue, "error": repr(error)})
                stop.wait(backoff)
                backoff = min(backoff * 2, max_backoff)

    def _consume_until(self, stop: threading.Event) -> None:
        connection = connect(self._amqp_url)
        try:
            channel = connection.channel()
            declare_consumer_queue(channel, self._queue, self._bindings, self._delivery_limit)
            channel.basic_qos(prefetch_count=self._prefetch)
            channel.basic_consume(queue=self._queue, on_message_callback=self._on_message)
            self.ready.set()
            while not stop.is_set():
                connection.process_data_events(time_limit=0.5)
        finally:
            if connection.is_open:
                connection.close()

    def _on_message(self, channel: BlockingChannel, method: Any, _properties: Any, body: bytes) -> None:
        try:
            self._handle(Envelope.from_json(body))
        except (PoisonMessage, EnvelopeError) as error:
            log.error("dead-lettering a message", extra={"queue": self._queue, "error": str(error)})
            channel.basic_nack(delivery_tag=method.delivery_tag, requeue=False)
            return
        except Exception:
            log.exception("handler failed; message returned to its queue", extra={"queue": self._queue})
            channel.basic_nack(delivery_tag=method.delivery_tag, requeue=True)
            return
        channel.basic_ack(delivery_tag=method.delivery_tag)
