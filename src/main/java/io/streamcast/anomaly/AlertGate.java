package io.streamcast.anomaly;

/**
 * The decision, kept apart from the score: flag when the score reaches the threshold, then stay
 * silent for {@code refractory} observations so that one incident raises one alert. The window
 * evaluation replays this same gate over recorded scores for every candidate threshold.
 */
final class AlertGate {

    private final double threshold;
    private final int refractory;
    private int silentFor;

    AlertGate(double threshold, int refractory, int silentFor) {
        this.threshold = threshold;
        this.refractory = refractory;
        this.silentFor = silentFor;
    }

    boolean decide(double score) {
        if (silentFor > 0) {
            silentFor--;
            return false;
        }
        if (score >= threshold) {
            silentFor = refractory;
            return true;
        }
        return false;
    }

    int silentFor() {
        return silentFor;
    }

    /** The flags this gate raises over a whole series of scores. */
    static boolean[] replay(double[] scores, double threshold, int refractory) {
        AlertGate gate = new AlertGate(threshold, refractory, 0);
        boolean[] flags = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            flags[i] = gate.decide(scores[i]);
        }
        return flags;
    }
}
