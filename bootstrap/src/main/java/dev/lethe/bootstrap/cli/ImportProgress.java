package dev.lethe.bootstrap.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress of an import: a progress bar on a terminal, else (a log, a pipe) one plain line per tenth
 * of the file, so that nothing but whole lines reaches the output.
 */
abstract class ImportProgress implements AutoCloseable {
    /** Lines done of {@code total}. */
    abstract void linesDone(long done);

    @Override
    public abstract void close();

    static ImportProgress of(boolean terminal, boolean quiet, String task, long total, PrintStream terminalOut, PrintWriter plainOut,
            LongSupplier nanoTime) {
        if (quiet) {
            return new ImportProgress() {
                @Override
                void linesDone(long done) {}

                @Override
                public void close() {}
            };
        }
        return terminal ? new Bar(task, total, terminalOut) : new Plain(task, total, plainOut, nanoTime);
    }

    private static final class Bar extends ImportProgress {
        private final ProgressBar bar;

        Bar(String task, long total, PrintStream out) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(total, 1)).setUnit(" lines", 1)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(out)).setUpdateIntervalMillis(250)
                    .showSpeed().build();
        }

        @Override
        void linesDone(long done) {
            bar.stepTo(done);
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    private static final class Plain extends ImportProgress {
        private final String task;
        private final long total;
        private final PrintWriter out;
        private final LongSupplier nanoTime;
        private final long start;
        private int tenthsShown;

        Plain(String task, long total, PrintWriter out, LongSupplier nanoTime) {
            this.task = task;
            this.total = Math.max(total, 1);
            this.out = out;
            this.nanoTime = nanoTime;
            this.start = nanoTime.getAsLong();
        }

        @Override
        void linesDone(long done) {
            int tenths = (int) Math.min(10, done * 10 / total);
            if (tenths > tenthsShown) {
                tenthsShown = tenths;
                double seconds = Math.max(1e-9, (nanoTime.getAsLong() - start) / 1e9);
                out.printf(Locale.ROOT, "%s: %,d / %,d lines (%d%%), %,.0f lines/s%n", task, done, total, 100 * done / total, done / seconds);
                out.flush();
            }
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}
