package io.streamcast.evaluate;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * What an input reader skipped and why, with the first few places (file:line) of each kind, so that
 * nothing is silently lost: the command prints it at the end.
 */
public final class InputCounts {
    private static final int EXAMPLES = 3;

    private final List<String> kinds = new ArrayList<>();
    private final List<long[]> counts = new ArrayList<>();
    private final List<List<String>> examples = new ArrayList<>();

    void skip(String kind, String where) {
        int i = kinds.indexOf(kind);
        if (i < 0) {
            kinds.add(kind);
            counts.add(new long[1]);
            examples.add(new ArrayList<>());
            i = kinds.size() - 1;
        }
        counts.get(i)[0]++;
        if (examples.get(i).size() < EXAMPLES) {
            examples.get(i).add(where);
        }
    }

    long total() {
        long n = 0;
        for (long[] c : counts) {
            n += c[0];
        }
        return n;
    }

    long count(String kind) {
        int i = kinds.indexOf(kind);
        return i < 0 ? 0 : counts.get(i)[0];
    }

    public void print(PrintWriter err, String command) {
        for (int i = 0; i < kinds.size(); i++) {
            long n = counts.get(i)[0];
            err.println(command + ": skipped " + n + " " + kinds.get(i) + " (e.g. " + String.join(", ", examples.get(i))
                    + (n > examples.get(i).size() ? ", ..." : "") + ")");
        }
    }
}
