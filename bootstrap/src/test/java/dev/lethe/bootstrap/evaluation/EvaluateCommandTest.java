package dev.lethe.bootstrap.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import dev.lethe.application.service.evaluation.ModelCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvaluateCommandTest {
    @TempDir
    Path dir;

    private Path generatedCsv() throws Exception {
        Random random = new Random(3);
        List<String> lines = new ArrayList<>();
        lines.add("user,item,timestamp,type,value");
        for (int u = 0; u < 20; u++) {
            for (int e = 0; e < 6; e++) {
                lines.add("u" + u + "," + random.nextInt(15) + "," + (1_700_000_000L + 3600L * (u + 7 * e)) + ",view,");
            }
        }
        Path csv = dir.resolve("events.csv");
        Files.write(csv, lines, StandardCharsets.UTF_8);
        return csv;
    }

    private int run(String... args) {
        PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new CommandLine(new EvaluateCommand(ModelCatalog.baselines(), Clock.systemUTC(), console)).execute(args);
    }

    @Test
    void writesAJsonReportWithEveryMetricOfEveryRequestedModel() throws Exception {
        Path out = dir.resolve("out");

        int exit = run("--dataset", generatedCsv().toString(), "--format", "csv", "--models", "pop,decayed-pop-30d,markov",
                "--k", "5", "--out", out.toString(), "--quiet");

        assertThat(exit).isZero();
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.path("protocol").asText()).isEqualTo("leave-last-out");
        assertThat(report.path("k").asInt()).isEqualTo(5);
        assertThat(report.path("dataset").path("events").asInt()).isEqualTo(120);
        assertThat(report.path("dataset").path("testCases").asInt()).isEqualTo(20);
        assertThat(report.path("models")).extracting(m -> m.path("name").asText()).containsExactly("pop", "decayed-pop-30d", "markov");
        for (JsonNode model : report.path("models")) {
            JsonNode metrics = model.path("metrics");
            for (String metric : List.of("hr", "ndcg", "mrr", "precision", "recall", "f1", "coverage")) {
                assertThat(metrics.path(metric).isNumber()).as(model.path("name") + " " + metric).isTrue();
                assertThat(metrics.path(metric).asDouble()).isBetween(0.0, 1.0);
            }
            assertThat(metrics.path("users").asInt()).isEqualTo(20);
            assertThat(model.path("hitRateAtK")).hasSize(5);
            assertThat(model.path("trainSeconds").isNumber()).isTrue();
        }
        assertThat(out.resolve("report.md")).content().contains("| decayed-pop-30d |");
        assertThat(out.resolve("hit-rate-at-k.png")).isNotEmptyFile();
        assertThat(report.path("forgetting").path("item").path("observations").asInt()).isEqualTo(120);
        assertThat(report.path("forgetting").path("category").path("fitted").asBoolean()).isFalse();
    }

    @Test
    void defaultModelsAreEveryBaselineAndTheProfileRecommender() throws Exception {
        Path out = dir.resolve("out");

        int exit = run("--dataset", generatedCsv().toString(), "--format", "csv", "--out", out.toString(), "--quiet", "--no-forgetting");

        assertThat(exit).isZero();
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.path("models")).extracting(m -> m.path("name").asText()).containsExactly(
                "pop-all", "pop", "decayed-pop-7d", "decayed-pop-30d", "decayed-pop-180d", "decayed-pop-fit", "sar", "markov", "profile");
        assertThat(report.has("forgetting")).isFalse();
    }

    @Test
    void temporalProtocolIsRecordedWithItsCut() throws Exception {
        Path out = dir.resolve("out");

        int exit = run("--dataset", generatedCsv().toString(), "--format", "csv", "--protocol", "temporal", "--models", "pop",
                "--out", out.toString(), "--quiet");

        assertThat(exit).isZero();
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.path("protocol").asText()).isEqualTo("temporal");
        assertThat(report.path("dataset").path("cut").asText()).isNotEmpty();
    }

    @Test
    void badLineFailsWithItsLineNumber() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "user,item,timestamp\nu1,i1,1700000000\nu1,i2,yesterday\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new EvaluateCommand());
        cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));

        int exit = cli.execute("--dataset", csv.toString(), "--format", "csv", "--out", dir.resolve("o").toString(), "--quiet");

        assertThat(exit).isEqualTo(EvaluateCommand.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 3").contains("timestamp").doesNotContain("\tat ");
    }

    @Test
    void aMissingItemsFileIsBadInputNamingTheFile() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new EvaluateCommand());
        cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));

        int exit = cli.execute("--dataset", generatedCsv().toString(), "--format", "csv", "--items", dir.resolve("absent.csv").toString(),
                "--out", dir.resolve("o").toString(), "--quiet");

        assertThat(exit).isEqualTo(EvaluateCommand.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("absent.csv");
    }

    private Path generatedCsvWithItems() throws Exception {
        Path csv = generatedCsv();
        List<String> items = new ArrayList<>(List.of("item,categories"));
        for (int i = 0; i < 15; i++) {
            items.add(i + ",g" + (i % 3) + (i % 5 == 0 ? "|g9" : ""));
        }
        Files.write(dir.resolve("items.csv"), items, StandardCharsets.UTF_8);
        return csv;
    }

    @Test
    void diversityTradeOffStartsAtTheModelsOwnNdcgAndGainsDiversity() throws Exception {
        Path out = dir.resolve("out");

        int exit = run("--dataset", generatedCsvWithItems().toString(), "--format", "csv", "--models", "profile", "--k", "5",
                "--diversity", "0,0.5,1", "--out", out.toString(), "--quiet", "--no-forgetting");

        assertThat(exit).isZero();
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        JsonNode points = report.path("diversity").path("points");
        assertThat(points).extracting(p -> p.path("lambda").asDouble()).containsExactly(0.0, 0.5, 1.0);
        assertThat(points.get(0).path("ndcg").asDouble()).isEqualTo(report.path("models").get(0).path("metrics").path("ndcg").asDouble());
        assertThat(points.get(2).path("intraListDiversity").asDouble()).isGreaterThan(points.get(0).path("intraListDiversity").asDouble());
        assertThat(out.resolve("report.md")).content().contains("## Accuracy vs diversity").contains("| 0.50 |");
        assertThat(out.resolve("accuracy-vs-diversity.png")).isNotEmptyFile();
    }

    @Test
    void aDiversityWeightAboveOneIsBadInputNamingIt() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new EvaluateCommand());
        cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));

        int exit = cli.execute("--dataset", generatedCsv().toString(), "--format", "csv", "--models", "pop", "--diversity", "0,1.5",
                "--diversity-model", "pop", "--out", dir.resolve("o").toString(), "--quiet", "--no-forgetting");

        assertThat(exit).isEqualTo(EvaluateCommand.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("diversity").contains("1.5");
    }

    @Test
    void tuneAddsTheTunedProfileAndItsTrialsToTheReport() throws Exception {
        Path out = dir.resolve("out");

        int exit = run("--dataset", generatedCsvWithItems().toString(), "--format", "csv", "--models", "profile", "--tune", "1",
                "--tune-trials", "9", "--out", out.toString(), "--quiet", "--no-forgetting");

        assertThat(exit).isZero();
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.path("models")).extracting(m -> m.path("name").asText()).containsExactly("profile", EvaluateCommand.TUNED);
        JsonNode trials = report.path("tuning").path("trials");
        assertThat(trials.size()).isBetween(5, 9);
        assertThat(trials.get(0).path("origin").asText()).isEqualTo("defaults");
        double best = trials.get(report.path("tuning").path("bestTrial").asInt()).path("validationNdcg").asDouble();
        trials.forEach(t -> assertThat(best).isGreaterThanOrEqualTo(t.path("validationNdcg").asDouble()));
        assertThat(trials.get(0).path("settings").path("window").asDouble()).isEqualTo(5.0);
        assertThat(out.resolve("report.md")).content().contains("## Tuning the profile").contains("| component: popularity |");
    }

    @Test
    void aNegativeTuneBudgetIsBadInput() throws Exception {
        int exit = run("--dataset", generatedCsv().toString(), "--format", "csv", "--models", "pop", "--tune", "-1",
                "--out", dir.resolve("o").toString(), "--quiet", "--no-forgetting");

        assertThat(exit).isEqualTo(EvaluateCommand.BAD_INPUT);
    }
}
