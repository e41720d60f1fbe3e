package io.streamcast.stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The service's HTTP endpoint:
 * <ul>
 *   <li>{@code GET /series/{id}/forecast}: the latest forecast of a series as published (JSON). The
 *       instance that owns the series answers; any other instance forwards the request to the owner's
 *       {@code application.server} and relays the answer. 404 when the series has no forecast yet,
 *       503 while the partitions are being (re)assigned.</li>
 *   <li>{@code GET /metrics}: Prometheus text format.</li>
 *   <li>{@code GET /health}: the Kafka Streams state; 200 while running or rebalancing, else 503.</li>
 * </ul>
 */
final class HttpApi implements AutoCloseable {

    private static final String FORWARDED = "forwarded=1";
    private static final String JSON = "application/json";
    private static final com.fasterxml.jackson.databind.ObjectMapper ERRORS = new com.fasterxml.jackson.databind.ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client;
    private final PrometheusMeterRegistry registry;
    private volatile Supplier<KafkaStreams> streams = () -> null;
    private volatile HostInfo self;

    HttpApi(String host, int port, PrometheusMeterRegistry registry) {
        this.registry = registry;
        try {
            this.server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for HTTP on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "streamcast-http");
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        server.setExecutor(executor);
        server.createContext("/series/", this::forecast);
        server.createContext("/metrics", this::metrics);
        server.createContext("/health", this::health);
    }

    /** The port actually bound (useful when 0 was asked for). */
    int port() {
        return server.getAddress().getPort();
    }

    void start() {
        server.start();
    }

    /** Connects the endpoint to the running streams; {@code self} is this instance's application.server. */
    void attach(KafkaStreams kafkaStreams, HostInfo selfInfo) {
        this.self = selfInfo;
        this.streams = () -> kafkaStreams;
    }

    private void forecast(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            if (!"GET".equals(ex.getRequestMethod()) || !path.endsWith("/forecast")
                    || path.length() <= "/series/".length() + "/forecast".length()) {
                reply(ex, 404, error("not found: use GET /series/{id}/forecast"));
                return;
            }
            String raw = path.substring("/series/".length(), path.length() - "/forecast".length());
            String series = URLDecoder.decode(raw, StandardCharsets.UTF_8);
            KafkaStreams ks = streams.get();
            if (ks == null) {
                reply(ex, 503, error("service is starting"));
                return;
            }
            KeyQueryMetadata md = ks.queryMetadataForKey(StreamcastTopology.LATEST_FORECAST_STORE, series,
                    Serdes.String().serializer());
            if (md == null || KeyQueryMetadata.NOT_AVAILABLE.equals(md)) {
                reply(ex, 503, error("partitions are being assigned; retry shortly"));
                return;
            }
            boolean forwarded = FORWARDED.equals(ex.getRequestURI().getRawQuery());
            if (!md.activeHost().equals(self)) {
                if (forwarded) {
                    reply(ex, 503, error("ownership of series " + series + " is moving; retry shortly"));
                } else {
                    forward(ex, md.activeHost(), raw);
                }
                return;
            }
            String forecast = local(ks, series, md.partition());
            if (forecast == null) {
                reply(ex, 404, error("no forecast yet for series " + series));
            } else {
                reply(ex, 200, forecast);
            }
        } catch (InvalidStateStoreException e) {
            reply(ex, 503, error("store not ready: " + e.getMessage()));
        } catch (RuntimeException e) {
            reply(ex, 500, error(e.toString()));
        }
    }

    private static String local(KafkaStreams ks, String series, int partition) {
        ReadOnlyKeyValueStore<String, String> store = ks.store(StoreQueryParameters
                .fromNameAndType(StreamcastTopology.LATEST_FORECAST_STORE, QueryableStoreTypes.<String, String>keyValueStore())
                .withPartition(partition));
        return store.get(series);
    }

    private void forward(HttpExchange ex, HostInfo owner, String rawSeries) throws IOException {
        URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + "/series/" + rawSeries + "/forecast?"
                + FORWARDED);
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            reply(ex, r.statusCode(), r.body());
        } catch (IOException e) {
            reply(ex, 502, error("owner " + owner.host() + ":" + owner.port() + " did not answer: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(ex, 503, error("interrupted while asking " + owner.host() + ":" + owner.port()));
        }
    }

    private void metrics(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void health(HttpExchange ex) throws IOException {
        try (ex) {
            KafkaStreams ks = streams.get();
            KafkaStreams.State state = ks == null ? KafkaStreams.State.CREATED : ks.state();
            boolean up = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
            reply(ex, up ? 200 : 503, "{\"state\":\"" + state + "\"}");
        }
    }

    private static void reply(HttpExchange ex, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", JSON);
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static String error(String message) {
        return ERRORS.createObjectNode().put("error", message).toString();
    }

    /** Encodes a series id as one path segment. */
    static String pathSegment(String series) {
        return URLEncoder.encode(series, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
