package dev.lethe.bootstrap.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress for output that is not a terminal (a CI log, {@code nohup}, a pipe): one plain line at most
 * every {@link #INTERVAL}, plus the first and the last, instead of a progress bar's carriage-return frames,
 * which a log keeps as thousands of frames on one line.
 */
public final class PlainProgress {
    /** The least time between two lines of the same task. */
    public static final Duration INTERVAL = Duration.ofSeconds(5);

    private final PrintWriter out;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private String task = "";
    private long lastLine;
    private boolean finished;

    public PlainProgress(PrintWriter out) {
        this(out, INTERVAL, System::nanoTime);
    }

    PlainProgress(PrintWriter out, Duration interval, LongSupplier nanoTime) {
        this.out = out;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Whether the standard output is an interactive terminal, where a progress bar belongs. */
    public static boolean terminal() {
        return System.console() != null;
    }

    /** Reports {@code done} of {@code total} (0 when unknown) for {@code task}; prints only when a line is due. */
    public synchronized void report(String task, long done, long total, String message) {
        long now = nanoTime.getAsLong();
        boolean complete = total > 0 && done >= total;
        boolean newTask = !task.equals(this.task);
        if (newTask) {
            this.task = task;
            finished = false;
        } else if (finished || (!complete && now - lastLine < intervalNanos)) {
            return;
        }
        lastLine = now;
        finished = complete;
        String share = total > 0 ? String.format(Locale.ROOT, " (%d%%)", Math.round(100.0 * Math.min(done, total) / total)) : "";
        String of = total > 0 ? String.format(Locale.ROOT, "%,d / %,d", done, total) : String.format(Locale.ROOT, "%,d", done);
        out.printf(Locale.ROOT, "%s: %s%s%s%n", task, of, share, message == null || message.isBlank() ? "" : " " + message);
        out.flush();
    }
}
