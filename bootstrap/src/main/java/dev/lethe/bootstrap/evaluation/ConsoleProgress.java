package dev.lethe.bootstrap.evaluation;

import dev.lethe.application.port.in.EvaluationListener;
import dev.lethe.application.port.in.EvaluationReport.ModelResult;
import dev.lethe.bootstrap.cli.PlainProgress;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Renders an evaluation's progress on {@code out}: one text progress bar per model and phase on a
 * terminal, else one plain line every few seconds ({@link PlainProgress}).
 */
final class ConsoleProgress implements EvaluationListener, AutoCloseable {
    private final PrintStream out;
    private final Optional<PlainProgress> plain;
    private ProgressBar bar;
    private String barKey = "";
    private int index;
    private int count;

    ConsoleProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.plain = terminal ? Optional.empty() : Optional.of(new PlainProgress(new PrintWriter(out, true, StandardCharsets.UTF_8)));
    }

    @Override
    public void modelStarted(String model, int index, int count) {
        this.index = index;
        this.count = count;
    }

    @Override
    public synchronized void progress(String model, String phase, long done, long total, String message) {
        String key = model + "/" + phase;
        if (plain.isPresent()) {
            plain.get().report(String.format(Locale.ROOT, "[%d/%d] %s %s", index + 1, count, model, phase), done, total, message);
            return;
        }
        if (bar == null || !key.equals(barKey)) {
            close();
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format(Locale.ROOT, "[%d/%d] %s %s", index + 1, count, model, phase))
                    .setInitialMax(Math.max(total, 1))
                    .setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(out))
                    .setUpdateIntervalMillis(250)
                    .build();
            barKey = key;
        }
        bar.maxHint(Math.max(total, 1));
        bar.stepTo(done);
        bar.setExtraMessage(message);
    }

    @Override
    public synchronized void modelFinished(ModelResult result) {
        close();
        out.printf(Locale.ROOT, "%-18s HR@%d %.4f  NDCG@%d %.4f  (train %.1fs, score %.1fs)%n", result.name(),
                result.metrics().k(), result.metrics().hitRate(), result.metrics().k(), result.metrics().ndcg(),
                result.trainTime().toMillis() / 1000.0, result.scoreTime().toMillis() / 1000.0);
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
            barKey = "";
        }
    }
}
