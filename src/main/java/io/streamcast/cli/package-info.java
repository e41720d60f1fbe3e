/**
 * The command line: run, demo, replay, record, backtest, score, bench. Depends on everything.
 */
package io.streamcast.cli;
