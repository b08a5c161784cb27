package dev.lethe.bootstrap.evaluation;

import dev.lethe.application.port.in.DiversityTradeOff;
import dev.lethe.application.port.in.EvaluationReport;
import dev.lethe.application.port.in.EvaluationReport.ModelResult;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.Styler;

/** Draws an evaluation's charts as PNG files with XChart (headless). */
final class Plots {
    static final int WIDTH = 900;
    static final int HEIGHT = 600;
    /** Okabe–Ito, safe for the common colour-vision deficiencies: vermillion and blue for Lethe's own models. */
    static final Color VERMILLION = new Color(213, 94, 0);
    static final Color BLUE = new Color(0, 114, 178);
    static final Color BLUISH_GREEN = new Color(0, 158, 115);
    private static final Color[] BASELINES = {new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 158, 115),
        new Color(204, 121, 167), new Color(240, 228, 66), new Color(0, 0, 0), new Color(150, 150, 150)};
    /** Okabe–Ito without yellow (too faint as a marker on white) and vermillion (the line's colour). */
    private static final Color[] MARKERS = {BLUE, new Color(230, 159, 0), BLUISH_GREEN, new Color(204, 121, 167), new Color(0, 0, 0),
        new Color(86, 180, 233)};
    /** The models Lethe itself contributes; every other one is a baseline. */
    private static final List<String> OWN = List.of("lethe", "profile", "lstm", "lstm-notime");

    private Plots() {}

    /** Lethe's models in thick solid vermillion/blue lines, baselines in thin dashed palette colours, legend outside the data. */
    static void style(XYChart chart, List<String> names) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        int own = 0;
        int baseline = 0;
        for (String name : names) {
            XYSeries series = chart.getSeriesMap().get(name);
            if (OWN.contains(name)) {
                series.setLineColor(own == 0 ? VERMILLION : BLUE);
                series.setMarkerColor(own == 0 ? VERMILLION : BLUE);
                series.setLineWidth(3.5f);
                own = (own + 1) % 2;
            } else {
                Color c = BASELINES[baseline++ % BASELINES.length];
                series.setLineColor(c);
                series.setMarkerColor(c);
                series.setLineWidth(1.5f);
                series.setLineStyle(SeriesLines.DASH_DASH);
            }
        }
    }

    /** HR@k for k = 1..K, one line per model: how fast each model finds the held-out item. */
    static Path hitRateAtK(EvaluationReport report, Path directory) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Hit rate at k (" + report.dataset().name() + ", " + report.protocol().wireName() + ")")
                .xAxisTitle("k").yAxisTitle("HR@k").build();
        double[] ks = new double[report.k()];
        for (int i = 0; i < ks.length; i++) {
            ks[i] = i + 1;
        }
        for (ModelResult r : report.models()) {
            List<Double> curve = r.metrics().hitRateCurve();
            chart.addSeries(r.name(), ks, curve.stream().mapToDouble(Double::doubleValue).toArray());
        }
        style(chart, report.models().stream().map(ModelResult::name).toList());
        return save(chart, directory.resolve("hit-rate-at-k.png"));
    }

    /**
     * NDCG@k against intra-list diversity, one marker per diversity weight λ (a legend entry each, in
     * the Okabe–Ito palette) on the model's trade-off line: how much accuracy each step of diversity costs.
     */
    static Path accuracyVersusDiversity(DiversityTradeOff tradeOff, String dataset, Path directory) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Accuracy vs diversity (" + tradeOff.model() + ", " + dataset + ")")
                .xAxisTitle("intra-list diversity@" + tradeOff.k() + " (mean pairwise 1 - Jaccard of categories)")
                .yAxisTitle("NDCG@" + tradeOff.k()).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        List<DiversityTradeOff.Point> points = tradeOff.points().stream()
                .sorted(java.util.Comparator.comparingDouble(DiversityTradeOff.Point::lambda)).toList();
        XYSeries line = chart.addSeries(tradeOff.model(), points.stream().mapToDouble(DiversityTradeOff.Point::intraListDiversity).toArray(),
                points.stream().mapToDouble(DiversityTradeOff.Point::ndcg).toArray());
        line.setLineColor(VERMILLION);
        line.setLineWidth(3.5f);
        line.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        for (int i = 0; i < points.size(); i++) {
            DiversityTradeOff.Point p = points.get(i);
            XYSeries marker = chart.addSeries(String.format(java.util.Locale.ROOT, "λ = %.2f", p.lambda()),
                    new double[] {p.intraListDiversity()}, new double[] {p.ndcg()});
            marker.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            Color c = MARKERS[i % MARKERS.length];
            marker.setMarkerColor(c);
            marker.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
        }
        chart.getStyler().setMarkerSize(12);
        return save(chart, directory.resolve("accuracy-vs-diversity.png"));
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
