package io.streamcast.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A monotone variance-stabilising transform for positive series — log, or Box-Cox with a fixed λ —
 * that a model learns behind. Forecast means and bounds are mapped back through the inverse; being
 * monotone, it keeps interval coverage (the back-transformed mean is the median, not the mean).
 * A non-positive value, which these transforms cannot take, is raised to half the smallest positive
 * value seen (or 1e-9) and counted, never dropped.
 */
final class Transform {
    enum Kind { NONE, LOG, BOXCOX }

    private final Kind kind;
    private final double lambda;
    private double minPositive = Double.POSITIVE_INFINITY;
    private long raised;

    Transform(Kind kind, double lambda) {
        this.kind = kind;
        this.lambda = lambda;
    }

    /** {@code none}, {@code log} or {@code boxcox} ({@code box-cox} too). */
    static final io.streamcast.config.Type<Kind> TYPE = io.streamcast.config.Type.choice(Kind.class);

    Kind kind() {
        return kind;
    }

    /** Values raised because they were not positive. */
    long raised() {
        return raised;
    }

    /** Transforms a value being learned: updates the smallest positive value and counts raised ones. */
    double forward(double x) {
        if (kind == Kind.NONE) {
            return x;
        }
        if (x > 0) {
            minPositive = Math.min(minPositive, x);
        } else {
            raised++;
        }
        return map(x);
    }

    /** Transforms without learning anything (for values already seen). */
    double map(double x) {
        if (kind == Kind.NONE) {
            return x;
        }
        if (!(x > 0)) {
            x = Double.isInfinite(minPositive) ? 1e-9 : minPositive / 2;
        }
        return kind == Kind.LOG || lambda == 0.0 ? Math.log(x) : (Math.pow(x, lambda) - 1.0) / lambda;
    }

    double inverse(double z) {
        return switch (kind) {
            case NONE -> z;
            case LOG -> Math.exp(z);
            case BOXCOX -> {
                if (lambda == 0.0) {
                    yield Math.exp(z);
                }
                double base = lambda * z + 1.0;
                yield base <= 0 ? 0.0 : Math.pow(base, 1.0 / lambda);
            }
        };
    }

    void inverseInPlace(double[] values) {
        if (kind != Kind.NONE) {
            for (int i = 0; i < values.length; i++) {
                values[i] = inverse(values[i]);
            }
        }
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeDouble(minPositive);
        out.writeLong(raised);
    }

    void readFrom(DataInput in) throws IOException {
        minPositive = in.readDouble();
        raised = in.readLong();
    }
}
