package dev.lethe.bootstrap.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** Renders a trainer's per-step metrics ({@code step,metric,value} CSV) as one PNG per metric. */
final class TrainingCurvePlot {
    private TrainingCurvePlot() {}

    /** The PNG files written next to {@code csv}; none when the file is absent or empty. */
    static List<Path> render(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) {
            return List.of();
        }
        Map<String, List<double[]>> byMetric = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] cells = line.split(",");
            if (cells.length == 3) {
                byMetric.computeIfAbsent(cells[1], m -> new ArrayList<>())
                        .add(new double[] {Double.parseDouble(cells[0]), Double.parseDouble(cells[2])});
            }
        }
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, List<double[]>> metric : byMetric.entrySet()) {
            XYChart chart = new XYChartBuilder().width(800).height(500)
                    .title("Training curve: " + metric.getKey()).xAxisTitle("epoch").yAxisTitle(metric.getKey()).build();
            double[] x = metric.getValue().stream().mapToDouble(p -> p[0]).toArray();
            double[] y = metric.getValue().stream().mapToDouble(p -> p[1]).toArray();
            chart.addSeries(metric.getKey(), x, y);
            Path file = csv.resolveSibling("training-curve-" + metric.getKey().replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            written.add(file);
        }
        return written;
    }
}
