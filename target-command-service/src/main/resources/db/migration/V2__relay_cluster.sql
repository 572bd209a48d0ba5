-- The Kafka cluster the relay publishes to. When the service meets another cluster (a new broker,
-- a move), the relay publishes the whole event store to it again, from the start.
ALTER TABLE relay_checkpoints ADD COLUMN kafka_cluster_id text;
