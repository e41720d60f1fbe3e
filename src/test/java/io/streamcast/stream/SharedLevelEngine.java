package io.streamcast.stream;

import io.streamcast.model.Engine;
import io.streamcast.model.Forecast;
import io.streamcast.model.Step;
import io.streamcast.series.Observation;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small engine with shared state, standing in for the neural engines until they exist: all series
 * of a task share a learned global level (running mean of every value seen), and each series keeps
 * its last value. Forecast: half the last value plus half the global level, flat. Any replay error
 * after a restart (a batch lost or stepped twice) changes the shared level and so every later forecast.
 */
final class SharedLevelEngine implements Engine {
    private final int horizon;
    private double sum;
    private long count;
    private final Map<String, double[]> series = new HashMap<>();

    SharedLevelEngine(int horizon) {
        this.horizon = horizon;
    }

    @Override
    public String name() {
        return "shared-level";
    }

    @Override
    public List<Step> step(List<Observation> batch) {
        List<Step> out = new ArrayList<>(batch.size());
        for (Observation o : batch) {
            double[] s = series.computeIfAbsent(o.series(), k -> new double[] {Double.NaN, Double.NaN});
            double expected = s[1];
            sum += o.value();
            count++;
            s[0] = o.value();
            double mean = 0.5 * s[0] + 0.5 * sum / count;
            s[1] = mean;
            double[] m = new double[horizon];
            Arrays.fill(m, mean);
            double[] lo = m.clone();
            double[] hi = m.clone();
            for (int i = 0; i < horizon; i++) {
                lo[i] -= 1;
                hi[i] += 1;
            }
            out.add(new Step(o, expected, new Forecast(name(), m, lo, hi)));
        }
        return out;
    }

    @Override
    public byte[] seriesState(String id) {
        double[] s = series.get(id);
        return s == null ? null : ByteBuffer.allocate(16).putDouble(s[0]).putDouble(s[1]).array();
    }

    @Override
    public void loadSeries(String id, byte[] state) {
        ByteBuffer b = ByteBuffer.wrap(state);
        series.put(id, new double[] {b.getDouble(), b.getDouble()});
    }

    @Override
    public void evict(String id) {
        series.remove(id);
    }

    @Override
    public byte[] sharedState() {
        return ByteBuffer.allocate(16).putDouble(sum).putLong(count).array();
    }

    @Override
    public void loadShared(byte[] state) {
        ByteBuffer b = ByteBuffer.wrap(state);
        sum = b.getDouble();
        count = b.getLong();
    }
}
