package dev.lethe.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PlainProgressTest {
    private final StringWriter text = new StringWriter();
    private final AtomicLong nanos = new AtomicLong();
    private final PlainProgress progress = new PlainProgress(new PrintWriter(text), Duration.ofSeconds(5), nanos::get);

    private void at(double seconds) {
        nanos.set((long) (seconds * 1e9));
    }

    @Test
    void aThousandUpdatesWithinTheIntervalPrintOneLineAndNoCarriageReturn() {
        for (int i = 1; i <= 1000; i++) {
            at(i * 0.004);
            progress.report("train lstm", i, 100_000, "epoch 1/3");
        }

        assertThat(text.toString()).doesNotContain("\r").hasLineCount(1).startsWith("train lstm: 1 / 100,000 (0%) epoch 1/3");
    }

    @Test
    void aLineIsPrintedAgainOnceTheIntervalHasPassed() {
        at(0);
        progress.report("seeding shop events", 10, 100, "");
        at(4.9);
        progress.report("seeding shop events", 20, 100, "");
        at(5.1);
        progress.report("seeding shop events", 30, 100, "");

        assertThat(text.toString().lines()).containsExactly("seeding shop events: 10 / 100 (10%)", "seeding shop events: 30 / 100 (30%)");
    }

    @Test
    void theLastStepIsPrintedAtOnceAndOnlyOnce() {
        at(0);
        progress.report("import", 1, 3, "");
        at(1);
        progress.report("import", 3, 3, "");
        at(2);
        progress.report("import", 3, 3, "");

        assertThat(text.toString().lines()).containsExactly("import: 1 / 3 (33%)", "import: 3 / 3 (100%)");
    }

    @Test
    void aNewTaskStartsWithALineOfItsOwn() {
        at(0);
        progress.report("[1/2] pop train", 1, 2, "");
        at(0.1);
        progress.report("[2/2] profile train", 1, 2, "");

        assertThat(text.toString()).hasLineCount(2).contains("[2/2] profile train: 1 / 2 (50%)");
    }
}
