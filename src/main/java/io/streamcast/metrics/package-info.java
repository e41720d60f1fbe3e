/**
 * Micrometer registry, the Prometheus endpoint and meter names. A leaf: depends on nothing of ours.
 */
package io.streamcast.metrics;
