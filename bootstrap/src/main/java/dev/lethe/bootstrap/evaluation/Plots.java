package dev.lethe.bootstrap.evaluation;

import dev.lethe.application.port.in.EvaluationReport;
import dev.lethe.application.port.in.EvaluationReport.ModelResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** Draws an evaluation's charts as PNG files with XChart (headless). */
final class Plots {
    static final int WIDTH = 900;
    static final int HEIGHT = 600;

    private Plots() {}

    /** HR@k for k = 1..K, one line per model: how fast each model finds the held-out item. */
    static Path hitRateAtK(EvaluationReport report, Path directory) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Hit rate at k (" + report.dataset().name() + ", " + report.protocol().wireName() + ")")
                .xAxisTitle("k").yAxisTitle("HR@k").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        double[] ks = new double[report.k()];
        for (int i = 0; i < ks.length; i++) {
            ks[i] = i + 1;
        }
        for (ModelResult r : report.models()) {
            List<Double> curve = r.metrics().hitRateCurve();
            chart.addSeries(r.name(), ks, curve.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return save(chart, directory.resolve("hit-rate-at-k.png"));
    }

    static Path save(XYChart chart, Path file) {
        System.setProperty("java.awt.headless", "true");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plot " + file, e);
        }
    }
}
