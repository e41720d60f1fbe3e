/**
 * {@link io.streamcast.broker.EmbeddedBroker}: a single-node KRaft Kafka broker in this JVM, from Kafka's
 * own server classes, for {@code demo}, {@code bench} and the integration tests (these machines have no
 * Docker engine). Not used by the service itself, which talks to whatever cluster it is given. A leaf:
 * depends on nothing of ours.
 */
package io.streamcast.broker;
