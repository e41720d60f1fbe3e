/**
 * Recorded streams: read them, replay them to a topic, record a topic to a file. Depends on stream and model.
 *
 * <ul>
 *   <li>{@link io.streamcast.replay.Recording} / {@link io.streamcast.replay.RecordedEvent}: recordings in
 *       the input contract (the bundled ones used by {@code demo}), and
 *       {@link io.streamcast.replay.Replayer}, which plays several of them "as live", stretched to one pass.
 *   <li>{@link io.streamcast.replay.RecordLine}: one Kafka record as a JSONL line (key, value, timestamp,
 *       headers, partition, offset; bytes that are not UTF-8 as base64), strict about unknown fields.
 *   <li>{@link io.streamcast.replay.TopicRecorder} ({@code record}): a topic to such a file, bounded by count,
 *       duration or the topic's current end.
 *   <li>{@link io.streamcast.replay.FileReplayer} ({@code replay}): a JSONL recording, JSON input events or a
 *       CSV to a sink, paced by the original gaps divided by a speed through {@link
 *       io.streamcast.replay.Replayer.Pacer} (tests pass one that records the requested times). A bad line
 *       fails with {@code FILE:LINE} or is skipped, reported and counted — never dropped silently.
 *   <li>The replay-test harness, for users' own tests: {@link io.streamcast.replay.ReplayHarness} runs a
 *       recording through the service's topology in-process ({@code TopologyTestDriver}) or on a broker and
 *       returns a {@link io.streamcast.replay.ReplayOutput}; {@link io.streamcast.replay.GoldenFile} compares it
 *       with a golden file, exactly or within a {@link io.streamcast.replay.Tolerance}, and rewrites it under
 *       {@code -Dstreamcast.golden.update=true}; {@link io.streamcast.replay.GoldenReplayExtension} (JUnit 5)
 *       gives each test method its own {@link io.streamcast.replay.GoldenCheck}.
 * </ul>
 */
package io.streamcast.replay;
