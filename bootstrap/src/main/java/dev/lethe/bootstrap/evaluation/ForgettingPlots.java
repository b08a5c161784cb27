package dev.lethe.bootstrap.evaluation;

import dev.lethe.bootstrap.dataset.Dataset;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.forgetting.CurveFitReport;
import dev.lethe.domain.forgetting.EstimatorScore;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.forgetting.FittedCurve;
import dev.lethe.domain.forgetting.ForgettingCurve;
import dev.lethe.domain.forgetting.ForgettingCurveFitter;
import dev.lethe.domain.forgetting.ForgettingEstimator;
import dev.lethe.domain.forgetting.ReengagementLevel;
import dev.lethe.domain.forgetting.Reengagements;
import dev.lethe.domain.forgetting.RetentionPoint;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.tenant.TenantKind;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The dataset's forgetting curves for the report: the curve training would store ({@link #selected}:
 * the estimator chosen by held-out likelihood, every candidate's score, fitted vs ground truth), and
 * the return-time fits per level (re-engagement with the same item, category, or at all), each plotted
 * over the empirical retention points it was fitted on.
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

    /**
     * The curve training would store for this dataset ({@link ForgettingEstimator}, the kind's default as the
     * fixed reference) with every candidate's held-out log-likelihood; fitted vs true when a generator's
     * {@code ground-truth.json} lies beside the dataset.
     */
    static Map<String, Object> selected(Dataset data, TenantKind kind, Path dataset, Path directory) {
        Map<String, Object> section = new LinkedHashMap<>();
        Optional<CurveFitReport> fit = new ForgettingEstimator(ForgettingEstimator.Options.defaults(ExponentialCurve.ofDays(kind.defaultHalfLifeDays())))
                .fitAll(data.events());
        if (fit.isEmpty()) {
            section.put("fitted", false);
            section.put("reason", "too few repeat behaviours to fit a curve");
            return section;
        }
        CurveFitReport r = fit.get();
        Map<String, Double> stats = r.tenant().statistics();
        section.put("fitted", true);
        section.put("estimator", r.estimator());
        section.put("family", r.tenant().curve().family());
        section.put("halfLifeDays", r.tenant().curve().halfLifeSeconds() / DAY);
        Optional.ofNullable(stats.get("halfLifeSeconds.low95")).ifPresent(v -> section.put("halfLifeDaysLow95", v / DAY));
        Optional.ofNullable(stats.get("halfLifeSeconds.high95")).ifPresent(v -> section.put("halfLifeDaysHigh95", v / DAY));
        section.put("heldOutEvents", stats.get("heldOutEvents"));
        List<Object> candidates = new ArrayList<>();
        for (EstimatorScore c : r.candidates()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("estimator", c.estimator());
            row.put("family", c.family().wireName());
            row.put("learned", c.learned());
            row.put("halfLifeDays", c.halfLifeSeconds() / DAY);
            row.put("heldOutLogLikelihoodPerEvent", c.heldOutLogLikelihoodPerEvent());
            row.put("selected", c.selected());
            candidates.add(row);
        }
        section.put("candidates", candidates);
        section.put("heldOutLogLikelihoodPerEventUserCurves", stats.get("heldOutLogLikelihoodPerEvent.userCurves"));
        section.put("heldOutLogLikelihoodPerEventTenantCurve", stats.get("heldOutLogLikelihoodPerEvent.tenantCurve"));
        Optional<Truth> truth = groundTruth(dataset);
        truth.ifPresent(t -> section.put("groundTruth", compare(t, r, data)));
        Path png = plotSelected(data.name(), r, kind, truth, directory);
        section.put("plot", directory.relativize(png).toString());
        return section;
    }

    /** The stored curve with its 95% band, the kind's default, and the true curve when known. */
    private static Path plotSelected(String dataset, CurveFitReport r, TenantKind kind, Optional<Truth> truth, Path directory) {
        ForgettingCurve curve = r.tenant().curve();
        double h = curve.halfLifeSeconds();
        XYChart chart = new XYChartBuilder().width(Plots.WIDTH).height(Plots.HEIGHT)
                .title(String.format(Locale.ROOT, "Stored forgetting curve (%s): %s, %s, half-life %.3g d",
                        dataset, r.estimator(), curve.family(), h / DAY))
                .xAxisTitle("elapsed time (days, log scale)").yAxisTitle("retention r(Δt)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        double reference = kind.defaultHalfLifeDays() * DAY;
        double lo = Math.min(h, reference) / 100;
        double hi = Math.max(h, reference) * 10;
        int n = 200;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * i / (n - 1)) / DAY;
        }
        line(chart, "stored curve", x, curve, Plots.VERMILLION, 3.5f, false);
        Map<String, Double> stats = r.tenant().statistics();
        if (stats.containsKey("halfLifeSeconds.low95") && curve instanceof ExponentialCurve) {
            line(chart, "95% interval", x, new ExponentialCurve(stats.get("halfLifeSeconds.low95")), Plots.VERMILLION, 1.2f, true);
            line(chart, "95% interval (upper)", x, new ExponentialCurve(stats.get("halfLifeSeconds.high95")), Plots.VERMILLION, 1.2f, true);
        }
        line(chart, String.format(Locale.ROOT, "default (%s, %.0f d)", kind.wireName(), kind.defaultHalfLifeDays()), x,
                new ExponentialCurve(reference), new Color(150, 150, 150), 1.5f, true);
        truth.ifPresent(t -> line(chart, String.format(Locale.ROOT, "true (ground-truth.json, %.3g d)", t.halfLifeDays()), x,
                ExponentialCurve.ofDays(t.halfLifeDays()), Color.BLACK, 2f, true));
        return Plots.save(chart, directory.resolve("forgetting-stored.png"));
    }

    private static void line(XYChart chart, String name, double[] xDays, ForgettingCurve curve, Color color, float width, boolean dashed) {
        double[] y = new double[xDays.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = curve.retention(xDays[i] * DAY);
        }
        XYSeries s = chart.addSeries(name, xDays, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineWidth(width);
        if (dashed) {
            s.setLineStyle(SeriesLines.DASH_DASH);
        }
    }

    private record Truth(double halfLifeDays, Map<String, Double> userHalfLifeDays) {}

    private static Optional<Truth> groundTruth(Path dataset) {
        Path dir = Files.isDirectory(dataset) ? dataset : dataset.toAbsolutePath().getParent();
        Path file = dir == null ? null : dir.resolve("ground-truth.json");
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(file);
            Matcher tenant = Pattern.compile("\"forgettingCurve\"\\s*:\\s*\\{[^}]*\"halfLifeDays\"\\s*:\\s*([0-9.eE+-]+)").matcher(text);
            if (!tenant.find()) {
                return Optional.empty();
            }
            Map<String, Double> users = new HashMap<>();
            int at = text.indexOf("\"userHalfLifeDays\"");
            if (at >= 0) {
                Matcher m = Pattern.compile("\"([^\"]+)\"\\s*:\\s*([0-9.eE+-]+)").matcher(text.substring(text.indexOf('{', at)));
                while (m.find()) {
                    users.put(m.group(1), Double.parseDouble(m.group(2)));
                }
            }
            return Optional.of(new Truth(Double.parseDouble(tenant.group(1)), users));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Fitted vs true: the tenant half-life, and the median relative error of users with at least 50 behaviours. */
    private static Map<String, Object> compare(Truth truth, CurveFitReport r, Dataset data) {
        Map<String, Object> c = new LinkedHashMap<>();
        double fitted = r.tenant().curve().halfLifeSeconds() / DAY;
        c.put("trueHalfLifeDays", truth.halfLifeDays());
        c.put("fittedHalfLifeDays", fitted);
        c.put("relativeError", fitted / truth.halfLifeDays() - 1);
        Map<String, Integer> events = new HashMap<>();
        data.events().forEach(b -> events.merge(b.userId().value(), 1, Integer::sum));
        List<Double> errors = new ArrayList<>();
        r.users().forEach((id, user) -> {
            Double t = truth.userHalfLifeDays().get(id.value());
            if (t != null && events.getOrDefault(id.value(), 0) >= 50) {
                errors.add(Math.abs(user.curve().halfLifeSeconds() / DAY / t - 1));
            }
        });
        if (!errors.isEmpty()) {
            Collections.sort(errors);
            c.put("usersWithAtLeast50Events", errors.size());
            c.put("userMedianRelativeError", errors.get(errors.size() / 2));
        }
        return c;
    }

    private static Path plot(String dataset, ReengagementLevel level, FittedCurve fit, Path directory) {
        ForgettingCurve curve = fit.curve();
        XYChart chart = new XYChartBuilder().width(Plots.WIDTH).height(Plots.HEIGHT)
                .title(String.format(Locale.ROOT, "Forgetting (%s, %s level): %s, half-life %.3g d",
                        dataset, level.wireName(), curve.family(), curve.halfLifeSeconds() / DAY))
                .xAxisTitle("elapsed time (days, log scale)").yAxisTitle("retention r(Δt) (empirical: returns / (λ·exposure))").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        List<RetentionPoint> points = fit.retentionPlot();
        double[] x = new double[points.size()];
        double[] observed = new double[points.size()];
        double[] fitted = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            x[i] = Math.max(points.get(i).elapsedSeconds() / DAY, 1e-6);
            observed[i] = points.get(i).observed();
            fitted[i] = points.get(i).fitted();
        }
        // Both point series are hazards divided by the fitted initial rate λ, so they sit on the scale of r(Δt).
        XYSeries empirical = chart.addSeries("empirical, normalised by λ", x, observed);
        empirical.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        empirical.setMarker(SeriesMarkers.CIRCLE);
        empirical.setMarkerColor(Plots.BLUE);
        XYSeries binned = chart.addSeries("fitted, same bins", x, fitted);
        binned.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        binned.setMarker(SeriesMarkers.DIAMOND);
        binned.setMarkerColor(Plots.BLUISH_GREEN);
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
            XYSeries line = chart.addSeries("fitted r(Δt)", cx, cy);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(Plots.VERMILLION);
            line.setLineWidth(3f);
        }
        return Plots.save(chart, directory.resolve("forgetting-" + level.wireName() + ".png"));
    }
}
