/**
 * The benchmarks users run with {@code streamcast bench}: {@link io.streamcast.bench.EndToEndBench} (a
 * passthrough stage, then the service's topology with each model, through an embedded broker: events/s,
 * latency at half rate, CPU per event by thread group, heap, RSS, state per series),
 * {@link io.streamcast.bench.ModelBench} (the models alone) and {@link io.streamcast.bench.MemoryBench}
 * ({@code bench memory}: many series against a bounded heap). {@link io.streamcast.bench.BenchReport}
 * prints their tables; {@link io.streamcast.bench.BenchTopologies} builds the topologies the end-to-end bench
 * runs (the service's, and a passthrough on the service's own parse stage). Not part of the service: nothing of the product depends on this package. Depends
 * on everything but {@code cli}.
 */
package io.streamcast.bench;
