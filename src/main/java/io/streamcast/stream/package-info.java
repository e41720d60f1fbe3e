/**
 * The Kafka Streams topology: serdes, parsing and dead letters, resampling, state stores, processors and error handlers. Depends on series, model and anomaly.
 */
package io.streamcast.stream;
