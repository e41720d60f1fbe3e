package io.streamcast.config;

/** How likely a user is to set a key, as Kafka's {@code ConfigDef.Importance}: the docs tables show it. */
public enum Importance { HIGH, MEDIUM, LOW }
