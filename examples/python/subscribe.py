"""A subscriber in Python: reads the connector's topics with its own consumer group, read_committed (a
drop is one Kafka transaction: never half of one), decodes every event through the Schema Registry's
Confluent API and prints it as one JSON line. It needs nothing of the connector, only requirements.txt.

    KAFKA_BROKERS=... SCHEMA_REGISTRY_URL=http://.../apis/ccompat/v7 EDREFLECT_TOPIC_PREFIX=edreflect. \\
      python subscribe.py [--group G] [--until-end] [collection ...]

With no collection it reads every topic of the prefix but the connector's own (`_ingested`,
`_dead_letters`). `--until-end` stops once every event published when it started is printed; otherwise it
runs until Ctrl-C. Offsets are committed only for events already printed, so a restart with the same
--group resumes after the last one.
"""

import argparse
import json
import os
import signal
import sys

from confluent_kafka import Consumer, KafkaError, KafkaException, TopicPartition
from confluent_kafka.admin import AdminClient
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer
from confluent_kafka.serialization import MessageField, SerializationContext


def env(name, default=None):
    value = os.environ.get(name) or default
    if not value:
        sys.exit(f"subscribe.py: {name} is not set")
    return value


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--group", default=f"python-subscriber-{os.getpid()}")
    parser.add_argument("--until-end", action="store_true")
    parser.add_argument("collections", nargs="*")
    args = parser.parse_args()

    prefix = env("EDREFLECT_TOPIC_PREFIX", "edreflect.")
    brokers = env("KAFKA_BROKERS")
    registry = SchemaRegistryClient({"url": env("SCHEMA_REGISTRY_URL")})
    # No reader schema: each event is decoded with the schema it was written with (its id is in the message).
    decode = AvroDeserializer(registry)

    metadata = AdminClient({"bootstrap.servers": brokers}).list_topics(timeout=30)
    if args.collections:
        topics = [prefix + c for c in args.collections]
    else:
        topics = sorted(
            t for t in metadata.topics if t.startswith(prefix) and not t.startswith(prefix + "_")
        )
    missing = [t for t in topics if t not in metadata.topics]
    if missing:
        sys.exit(f"subscribe.py: no such topic: {', '.join(missing)}")

    consumer = Consumer(
        {
            "bootstrap.servers": brokers,
            "group.id": args.group,
            "isolation.level": "read_committed",
            "auto.offset.reset": "earliest",
            # Commit (in the background) only offsets stored after an event is printed.
            "enable.auto.offset.store": False,
            "enable.partition.eof": True,
        }
    )
    # Where each non-empty partition ends now (the last stable offset, read_committed): for --until-end.
    pending = set()
    for topic in topics:
        for partition in metadata.topics[topic].partitions:
            low, high = consumer.get_watermark_offsets(TopicPartition(topic, partition), timeout=30)
            if high > low:
                pending.add((topic, partition))

    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    consumer.subscribe(topics)
    try:
        while not stopping and not (args.until_end and not pending):
            try:
                msg = consumer.poll(1.0)
            except KeyboardInterrupt:
                break
            if msg is None:
                continue
            if msg.error():
                if msg.error().code() == KafkaError._PARTITION_EOF:
                    pending.discard((msg.topic(), msg.partition()))
                    continue
                raise KafkaException(msg.error())
            headers = {k: v.decode() for k, v in (msg.headers() or [])}
            event = decode(msg.value(), SerializationContext(msg.topic(), MessageField.VALUE))
            line = {
                "topic": msg.topic(),
                "partition": msg.partition(),
                "offset": msg.offset(),
                "key": msg.key().decode() if msg.key() is not None else None,
                "op": headers.get("edreflect.op"),
                "event": event,
            }
            print(json.dumps(line, default=str), flush=True)
            consumer.store_offsets(msg)
    finally:
        consumer.close()  # commits the stored offsets


if __name__ == "__main__":
    main()
