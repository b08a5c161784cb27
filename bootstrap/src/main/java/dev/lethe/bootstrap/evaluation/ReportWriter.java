package dev.lethe.bootstrap.evaluation;

import dev.lethe.application.port.in.DiversityTradeOff;
import dev.lethe.domain.model.DiversityReranker;
import dev.lethe.domain.interest.ProfileTuning;

import dev.lethe.application.port.in.EvaluationProtocol;
import dev.lethe.application.port.in.EvaluationReport;
import dev.lethe.application.port.in.EvaluationReport.DatasetSummary;
import dev.lethe.application.port.in.EvaluationReport.ModelResult;
import dev.lethe.domain.metrics.MetricSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Writes an evaluation as {@code report.json} (every figure) and {@code report.md} (a table). */
final class ReportWriter {
    private ReportWriter() {}

    /** Writes both files into {@code directory}; {@code extra} sections (plain values) are added to the JSON. */
    static void write(EvaluationReport report, Map<String, Object> extra, Path directory) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("report.json"), Json.write(json(report, extra)), StandardCharsets.UTF_8);
            Files.writeString(directory.resolve("report.md"), markdown(report) + tuningMarkdown(extra) + diversityMarkdown(extra) + forgettingMarkdown(extra), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + directory, e);
        }
    }

    static Map<String, Object> json(EvaluationReport report, Map<String, Object> extra) {
        Map<String, Object> root = new LinkedHashMap<>();
        DatasetSummary d = report.dataset();
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("name", d.name());
        dataset.put("events", d.events());
        dataset.put("users", d.users());
        dataset.put("items", d.items());
        dataset.put("firstEvent", d.firstEvent().toString());
        dataset.put("lastEvent", d.lastEvent().toString());
        dataset.put("droppedUsers", d.droppedUsers());
        dataset.put("trainingEvents", d.trainingEvents());
        dataset.put("validationCases", d.validationCases());
        dataset.put("testCases", d.testCases());
        d.cut().ifPresent(c -> dataset.put("cut", c.toString()));
        root.put("dataset", dataset);
        root.put("protocol", report.protocol().wireName());
        root.put("k", report.k());
        root.put("elapsedSeconds", report.elapsed().toMillis() / 1000.0);
        List<Object> models = new ArrayList<>();
        for (ModelResult r : report.models()) {
            MetricSummary m = r.metrics();
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("users", m.users());
            metrics.put("hr", m.hitRate());
            metrics.put("ndcg", m.ndcg());
            metrics.put("mrr", m.mrr());
            metrics.put("precision", m.precision());
            metrics.put("recall", m.recall());
            metrics.put("f1", m.f1());
            metrics.put("coverage", m.coverage());
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("name", r.name());
            model.put("metrics", metrics);
            model.put("hitRateAtK", m.hitRateCurve());
            model.put("parameters", new TreeMap<>(r.parameters()));
            model.put("trainSeconds", r.trainTime().toMillis() / 1000.0);
            model.put("scoreSeconds", r.scoreTime().toMillis() / 1000.0);
            models.add(model);
        }
        root.put("models", models);
        root.putAll(extra);
        return root;
    }

    static String markdown(EvaluationReport report) {
        DatasetSummary d = report.dataset();
        int k = report.k();
        StringBuilder md = new StringBuilder();
        md.append("# Offline evaluation: ").append(d.name()).append("\n\n");
        md.append(String.format(Locale.ROOT, "Protocol **%s**, full-catalogue ranking, scores as of each held-out event, K = %d.%n%n",
                report.protocol().wireName(), k));
        md.append(String.format(Locale.ROOT, "%,d events, %,d users, %,d items (%s .. %s); %,d training events, %,d validation cases, "
                        + "%,d %s, %,d users not tested%s.%n%n",
                d.events(), d.users(), d.items(), d.firstEvent(), d.lastEvent(), d.trainingEvents(), d.validationCases(),
                d.testCases(), report.protocol() == EvaluationProtocol.COLD_ITEMS ? "test cases (first events on new items)" : "test users",
                d.droppedUsers(), d.cut().map(c -> "; cut at " + c).orElse("")));
        md.append(String.format(Locale.ROOT, "| model | HR@%1$d | NDCG@%1$d | MRR@%1$d | P@%1$d | R@%1$d | F1@%1$d | coverage | train s | score s | parameters |%n", k));
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ModelResult r : report.models()) {
            MetricSummary m = r.metrics();
            StringBuilder params = new StringBuilder();
            new TreeMap<>(r.parameters()).forEach((name, value) ->
                    params.append(params.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s=%.4g", name, value)));
            md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.1f | %.1f | %s |%n",
                    r.name(), m.hitRate(), m.ndcg(), m.mrr(), m.precision(), m.recall(), m.f1(), m.coverage(),
                    r.trainTime().toMillis() / 1000.0, r.scoreTime().toMillis() / 1000.0, params));
        }
        md.append(String.format(Locale.ROOT, "%nTotal %.1f s.%n", report.elapsed().toMillis() / 1000.0));
        return md.toString();
    }

    /** The {@code diversity} section of report.json: the model, K and one entry per λ. */
    static Map<String, Object> diversity(DiversityTradeOff tradeOff, String plot) {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("model", tradeOff.model());
        section.put("k", tradeOff.k());
        section.put("testCases", tradeOff.testCases());
        section.put("poolSize", DiversityReranker.poolSize(tradeOff.k()));
        List<Object> points = new ArrayList<>();
        for (DiversityTradeOff.Point p : tradeOff.points()) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("lambda", p.lambda());
            point.put("ndcg", p.ndcg());
            point.put("hr", p.hitRate());
            point.put("intraListDiversity", p.intraListDiversity());
            points.add(point);
        }
        section.put("points", points);
        section.put("plot", plot);
        return section;
    }

    /** The {@code tuning} section of report.json: the search's summary and every trial with its settings and validation NDCG. */
    static Map<String, Object> tuning(ProfileTuning.Result result) {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("model", EvaluateCommand.TUNED);
        section.put("k", result.k());
        section.put("validationCases", result.validationCases());
        section.put("seconds", result.elapsed().toMillis() / 1000.0);
        section.put("bestTrial", result.winner().number());
        List<Object> trials = new ArrayList<>();
        for (ProfileTuning.Trial t : result.trials()) {
            Map<String, Object> trial = new LinkedHashMap<>();
            trial.put("trial", t.number());
            trial.put("origin", t.origin());
            trial.put("validationNdcg", t.validationNdcg());
            trial.put("seconds", t.took().toMillis() / 1000.0);
            trial.put("profileCurve", t.settings().profileCurve().toString());
            trial.put("settings", t.settings().parameters());
            trials.add(trial);
        }
        section.put("trials", trials);
        return section;
    }

    /** The trials table of {@code extra.tuning}: the defaults, the components, the winner and the ten best others; empty without one. */
    static String tuningMarkdown(Map<String, Object> extra) {
        if (!(extra.get("tuning") instanceof Map<?, ?> section) || !(section.get("trials") instanceof List<?> trials)) {
            return "";
        }
        Object k = section.get("k");
        StringBuilder md = new StringBuilder("\n## Tuning the profile\n\n");
        md.append(String.format(Locale.ROOT, "%d trials in %.1f s on %s validation cases (NDCG@%s); trial %s won and is `%s` above. "
                + "Shown: the defaults, each component alone, and the 10 best other trials.%n%n", trials.size(), number(section.get("seconds")),
                section.get("validationCases"), k, section.get("bestTrial"), section.get("model")));
        md.append(String.format(Locale.ROOT, "| trial | origin | validation NDCG@%s | profile curve | popularity half-life d | window | profile items "
                + "| co-occurrence | last item | category | popularity | forward | distance-weighted |%n", k));
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        List<Map<?, ?>> shown = new ArrayList<>();
        List<Map<?, ?>> others = new ArrayList<>();
        for (Object o : trials) {
            Map<?, ?> t = (Map<?, ?>) o;
            String origin = String.valueOf(t.get("origin"));
            (origin.equals("defaults") || origin.startsWith("component") ? shown : others).add(t);
        }
        others.sort((a, b) -> Double.compare(number(b.get("validationNdcg")), number(a.get("validationNdcg"))));
        shown.addAll(others.subList(0, Math.min(10, others.size())));
        for (Map<?, ?> t : shown) {
            Map<?, ?> s = (Map<?, ?>) t.get("settings");
            boolean won = String.valueOf(t.get("trial")).equals(String.valueOf(section.get("bestTrial")));
            md.append(String.format(Locale.ROOT, "| %s%s%s | %s | %.4f | %s | %.3g | %.0f | %.0f | %.3g | %.3g | %.3g | %.3g | %s | %s |%n",
                    won ? "**" : "", t.get("trial"), won ? "**" : "", t.get("origin"), number(t.get("validationNdcg")), t.get("profileCurve"),
                    number(s.get("popularityHalfLifeDays")), number(s.get("window")), number(s.get("profileItems")),
                    number(s.get("cooccurrenceWeight")), number(s.get("lastItemWeight")), number(s.get("categoryWeight")),
                    number(s.get("popularityWeight")), number(s.get("forward")) == 1 ? "yes" : "no", number(s.get("distanceWeighted")) == 1 ? "yes" : "no"));
        }
        return md.toString();
    }

    /** The accuracy–diversity table of {@code extra.diversity}; empty without one. */
    static String diversityMarkdown(Map<String, Object> extra) {
        if (!(extra.get("diversity") instanceof Map<?, ?> section)) {
            return "";
        }
        Object k = section.get("k");
        StringBuilder md = new StringBuilder("\n## Accuracy vs diversity\n\n");
        md.append(String.format(Locale.ROOT, "`%s`'s top %s re-ranked by category MMR (λ = the `diversity` parameter of the API) from its best %s "
                + "by score, over %s test cases. Intra-list diversity: mean pairwise 1 − Jaccard of the categories in each top %s.%n%n",
                section.get("model"), k, section.get("poolSize"), section.get("testCases"), k));
        md.append(String.format(Locale.ROOT, "| λ | NDCG@%1$s | HR@%1$s | intra-list diversity@%1$s |%n|---|---|---|---|%n", k));
        if (section.get("points") instanceof List<?> points) {
            for (Object o : points) {
                Map<?, ?> p = (Map<?, ?>) o;
                md.append(String.format(Locale.ROOT, "| %.2f | %.4f | %.4f | %.4f |%n", number(p.get("lambda")), number(p.get("ndcg")),
                        number(p.get("hr")), number(p.get("intraListDiversity"))));
            }
        }
        return md.toString();
    }

    /** The forgetting-fit table of {@code extra.forgetting.selected}, with fitted vs true when there is a ground truth; empty without one. */
    static String forgettingMarkdown(Map<String, Object> extra) {
        if (!(extra.get("forgetting") instanceof Map<?, ?> forgetting) || !(forgetting.get("selected") instanceof Map<?, ?> selected)
                || !Boolean.TRUE.equals(selected.get("fitted"))) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n## Forgetting curve\n\n");
        md.append(String.format(Locale.ROOT, "Selected by held-out log-likelihood of the last 20%% of every user's window (%,.0f behaviours): "
                        + "**%s**, %s, half-life %.4g d (95%%: %s).%n%n", number(selected.get("heldOutEvents")), selected.get("estimator"),
                selected.get("family"), number(selected.get("halfLifeDays")),
                selected.containsKey("halfLifeDaysLow95") ? String.format(Locale.ROOT, "%.4g–%.4g d", number(selected.get("halfLifeDaysLow95")),
                        number(selected.get("halfLifeDaysHigh95"))) : "n/a"));
        md.append("| level | estimator | family | half-life (d) | held-out log-lik / behaviour |\n|---|---|---|---|---|\n");
        if (selected.get("candidates") instanceof List<?> candidates) {
            for (Object o : candidates) {
                Map<?, ?> c = (Map<?, ?>) o;
                boolean chosen = Boolean.TRUE.equals(c.get("selected"));
                md.append(String.format(Locale.ROOT, "| tenant (user streams) | %s | %s%s | %.4g | %s%.4f%s |%n", c.get("estimator"),
                        Boolean.TRUE.equals(c.get("learned")) ? "" : "fixed ", c.get("family"), number(c.get("halfLifeDays")),
                        chosen ? "**" : "", number(c.get("heldOutLogLikelihoodPerEvent")), chosen ? "**" : ""));
            }
        }
        if (selected.get("heldOutLogLikelihoodPerEventUserCurves") != null) {
            md.append(String.format(Locale.ROOT, "| per user, shrunk | %s | %s | — | %.4f (tenant curve: %.4f) |%n", selected.get("estimator"),
                    selected.get("family"), number(selected.get("heldOutLogLikelihoodPerEventUserCurves")),
                    number(selected.get("heldOutLogLikelihoodPerEventTenantCurve"))));
        }
        if (selected.get("groundTruth") instanceof Map<?, ?> truth) {
            md.append(String.format(Locale.ROOT, "%nFitted vs true (ground-truth.json): half-life %.4g d vs %.4g d (%+.1f%%)", number(truth.get("fittedHalfLifeDays")),
                    number(truth.get("trueHalfLifeDays")), 100 * number(truth.get("relativeError"))));
            if (truth.get("userMedianRelativeError") != null) {
                md.append(String.format(Locale.ROOT, "; per-user median relative error %.3f over %s users with ≥ 50 behaviours",
                        number(truth.get("userMedianRelativeError")), truth.get("usersWithAtLeast50Events")));
            }
            md.append(".\n");
        }
        return md.toString();
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
