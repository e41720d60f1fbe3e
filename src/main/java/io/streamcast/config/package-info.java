/**
 * Configuration keys defined once each, after Kafka's {@code ConfigDef}: a {@link io.streamcast.config.Key} holds
 * the name, the {@link io.streamcast.config.Type} of its value, the default, the
 * {@link io.streamcast.config.Validator}, the {@link io.streamcast.config.Importance} and the documentation;
 * a {@link io.streamcast.config.KeyTable} is the ordered set of one component's keys, with the keys that were
 * removed or renamed. Parsing, defaults, error messages, the refusal of a misspelt key (with a "did you mean")
 * and the Markdown tables of the docs all come from those definitions.
 *
 * <p>Why a package of our own rather than Kafka's {@code ConfigDef}: the models and the anomaly detector define
 * keys too, and they know nothing of Kafka (DESIGN.md). So this package is a leaf — it depends on the JDK alone —
 * and {@code model}, {@code anomaly} and {@code stream} all define their keys with it. It holds no key itself.
 *
 * <p>Messages, one shape for a value that is wrong: {@code KEY must be WHAT, got 'TEXT'} (a number that was read
 * but is out of range is shown as read: {@code got 1.5}). A value whose own parser says where in it the fault lies
 * (a glob) is {@code configuration key KEY: ACCOUNT}. Keys: {@code unknown configuration key KEY; did you mean
 * NEAREST? (PREFIX.* has: ...)}, {@code KEY was removed in issue N: WHY; delete the key} and
 * {@code KEY is not a key: write OTHER (each key has one spelling)}.
 */
package io.streamcast.config;
