/**
 * The commands and only the commands: {@code run}, {@code demo}, {@code replay}, {@code record},
 * {@code backtest}, {@code score}, {@code evaluate}, {@code bench} (and {@code bench memory}), with the
 * plumbing they share (logging, Kafka client options, the service runner, shutdown). The work itself is in
 * {@code stream}, {@code replay}, {@code evaluate} and {@code bench}. Depends on everything; nothing depends
 * on it.
 */
package io.streamcast.cli;
