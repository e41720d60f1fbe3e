package io.streamcast.evaluate;

import java.io.PrintWriter;

/** A progress line on stderr at every tenth of a long job; silent for short ones. */
public final class Progress {
    static final long LONG_INPUT = 200_000;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private int lastDecile;

    Progress(PrintWriter err, String label, long total) {
        this.err = err;
        this.label = label;
        this.total = total;
    }

    PrintWriter err() {
        return err;
    }

    void at(long done) {
        if (total < LONG_INPUT) {
            return;
        }
        int decile = (int) Math.min(10, done * 10 / total);
        if (decile > lastDecile) {
            lastDecile = decile;
            err.println(label + ": " + decile * 10 + "% (" + done + " of " + total + ")");
            err.flush();
        }
    }
}
