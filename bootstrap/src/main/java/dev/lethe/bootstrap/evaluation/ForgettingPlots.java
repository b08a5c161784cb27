package dev.lethe.bootstrap.evaluation;

import dev.lethe.bootstrap.dataset.Dataset;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.forgetting.FittedCurve;
import dev.lethe.domain.forgetting.ForgettingCurve;
import dev.lethe.domain.forgetting.ForgettingCurveFitter;
import dev.lethe.domain.forgetting.ReengagementLevel;
import dev.lethe.domain.forgetting.Reengagements;
import dev.lethe.domain.forgetting.RetentionPoint;
import dev.lethe.domain.item.Item;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Fits the dataset's forgetting curves (re-engagement with the same item, and with the same
 * category) with the domain's maximum-likelihood fitter and plots each fitted curve over the
 * empirical retention points it was fitted on. Describes the data; no baseline uses these curves.
 */
final class ForgettingPlots {
    private static final double DAY = 86_400d;

    private ForgettingPlots() {}

    /** One JSON-ready section per level; a level with too few returns says so instead of a plot. */
    static Map<String, Object> fitAndPlot(Dataset data, Path directory) {
        Map<ItemId, Set<String>> categories = new HashMap<>();
        for (Map.Entry<ItemId, Item> e : data.items().entrySet()) {
            categories.put(e.getKey(), e.getValue().categories());
        }
        ForgettingCurveFitter fitter = new ForgettingCurveFitter();
        Map<String, Object> sections = new LinkedHashMap<>();
        for (ReengagementLevel level : ReengagementLevel.values()) {
            Reengagements observations = Reengagements.of(data.events(), categories, level);
            Optional<FittedCurve> fit = fitter.fit(observations);
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("observations", observations.size());
            section.put("returns", observations.returns());
            if (fit.isEmpty()) {
                section.put("fitted", false);
                section.put("reason", "too few returns to fit a curve at the " + level.wireName() + " level");
            } else {
                FittedCurve f = fit.get();
                section.put("fitted", true);
                section.put("family", f.curve().family());
                section.put("halfLifeDays", f.curve().halfLifeSeconds() / DAY);
                section.put("statistics", new LinkedHashMap<>(f.statistics()));
                List<Object> points = new ArrayList<>();
                for (RetentionPoint p : f.retentionPlot()) {
                    points.add(Map.of("elapsedDays", p.elapsedSeconds() / DAY, "observed", p.observed(), "fitted", p.fitted(),
                            "returns", p.returns()));
                }
                section.put("retentionPoints", points);
                Path png = plot(data.name(), level, f, directory);
                section.put("plot", directory.relativize(png).toString());
            }
            sections.put(level.wireName(), section);
        }
        return sections;
    }

    private static Path plot(String dataset, ReengagementLevel level, FittedCurve fit, Path directory) {
        ForgettingCurve curve = fit.curve();
        XYChart chart = new XYChartBuilder().width(Plots.WIDTH).height(Plots.HEIGHT)
                .title(String.format(java.util.Locale.ROOT, "Forgetting (%s, %s level): %s, half-life %.3g d",
                        dataset, level.wireName(), curve.family(), curve.halfLifeSeconds() / DAY))
                .xAxisTitle("elapsed time (days, log scale)").yAxisTitle("retention r(Δt)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        List<RetentionPoint> points = fit.retentionPlot();
        double[] x = new double[points.size()];
        double[] observed = new double[points.size()];
        double[] fitted = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            x[i] = Math.max(points.get(i).elapsedSeconds() / DAY, 1e-6);
            observed[i] = points.get(i).observed();
            fitted[i] = points.get(i).fitted();
        }
        XYSeries empirical = chart.addSeries("empirical retention (per bin)", x, observed);
        empirical.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        empirical.setMarker(SeriesMarkers.CIRCLE);
        XYSeries binned = chart.addSeries("fitted, same bins", x, fitted);
        binned.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        binned.setMarker(SeriesMarkers.DIAMOND);
        if (x.length > 0) {
            int n = 200;
            double lo = Math.log(x[0]);
            double hi = Math.log(x[x.length - 1]);
            double[] cx = new double[n];
            double[] cy = new double[n];
            for (int i = 0; i < n; i++) {
                cx[i] = Math.exp(lo + (hi - lo) * i / (n - 1));
                cy[i] = curve.retention(cx[i] * DAY);
            }
            chart.addSeries("fitted r(Δt)", cx, cy).setMarker(SeriesMarkers.NONE);
        }
        return Plots.save(chart, directory.resolve("forgetting-" + level.wireName() + ".png"));
    }
}
