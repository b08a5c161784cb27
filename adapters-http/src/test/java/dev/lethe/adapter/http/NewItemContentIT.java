package dev.lethe.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new item is recommended from its first minute: a {@code profile-content} version is trained on
 * readers who read book series volume after volume; a volume that did not exist at training is stored
 * through {@code PUT /v1/items/{id}}, with no behaviour, and the next answer for each series' reader
 * ranks it first, while the plain {@code profile} version cannot reach it.
 */
class NewItemContentIT {
    private static final String[] SERIES = {"aurora", "basalt", "cinder", "dahlia", "ember", "fjord", "garnet", "heron"};
    private static final int VOLUMES = 4;

    private static String item(int series, int volume) {
        return SERIES[series] + "-" + volume;
    }

    private static String itemBody(int series, int volume) {
        return "{\"categories\":[\"" + (series % 2 == 0 ? "fantasy" : "crime") + "\"],\"attributes\":{\"title\":\"The "
                + SERIES[series] + " chronicles, volume " + volume + "\"}}";
    }

    private static String reader(int series, int r) {
        return SERIES[series] + "-reader-" + r;
    }

    private static int rankOf(ApiClient client, String key, String user, String itemId) {
        JsonNode items = client.get("/v1/users/" + user + "/recommendations?k=10", key).json().get("items");
        for (int r = 0; r < items.size(); r++) {
            if (items.get(r).get("itemId").asText().equals(itemId)) {
                return r;
            }
        }
        return -1;
    }

    @Test
    void aVolumeStoredAfterTrainingIsRecommendedToItsSeriesReadersAtOnce(@TempDir Path artifacts) {
        try (TestServer server = TestServer.start(artifacts, Optional.empty())) {
            ApiClient client = new ApiClient(server.port);
            String key = client.createTenant("library", "ecommerce");
            for (int s = 0; s < SERIES.length; s++) {
                for (int v = 1; v <= VOLUMES; v++) {
                    assertThat(client.put("/v1/items/" + item(s, v), key, itemBody(s, v)).status()).isEqualTo(200);
                }
            }
            // Six readers per series read volumes 1..4 in order, a day apart, starting a week after one another.
            Instant start = Instant.now().minus(Duration.ofDays(60));
            List<String> events = new ArrayList<>();
            for (int s = 0; s < SERIES.length; s++) {
                for (int r = 0; r < 6; r++) {
                    for (int v = 1; v <= VOLUMES; v++) {
                        events.add("{\"eventId\":\"e-" + s + "-" + r + "-" + v + "\",\"userId\":\"" + reader(s, r) + "\",\"itemId\":\"" + item(s, v)
                                + "\",\"type\":\"purchase\",\"timestamp\":\"" + start.plus(Duration.ofDays(r * 7L + v)) + "\"}");
                    }
                }
            }
            assertThat(client.post("/v1/events", key, "[" + String.join(",", events) + "]").json().get("accepted").asInt()).isEqualTo(events.size());
            JsonNode plain = client.awaitJob(key, client.post("/v1/training-jobs", key, "{\"family\":\"profile\",\"activation\":\"always\"}")
                    .json().get("id").asText(), Duration.ofSeconds(60));
            assertThat(plain.get("status").asText()).as(plain.toString()).isEqualTo("succeeded");
            String newVolume = item(0, VOLUMES + 1);
            assertThat(client.put("/v1/items/" + newVolume, key, itemBody(0, VOLUMES + 1)).status()).isEqualTo(200);
            // The plain profile has nothing to score an item without behaviours by.
            assertThat(rankOf(client, key, reader(0, 5), newVolume)).isEqualTo(-1);

            JsonNode started = client.post("/v1/training-jobs", key, "{\"family\":\"profile-content\",\"activation\":\"always\"}").json();
            assertThat(started.has("id")).as(started.toString()).isTrue();
            JsonNode job = client.awaitJob(key, started.get("id").asText(), Duration.ofSeconds(60));
            assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("succeeded");
            JsonNode recommendations = client.get("/v1/users/" + reader(1, 5) + "/recommendations?k=10", key).json();
            assertThat(recommendations.get("model").asText()).isEqualTo("profile-content");

            // Volumes that did not exist at training, stored now, with no behaviour at all.
            for (int s = 1; s < SERIES.length; s++) {
                assertThat(client.put("/v1/items/" + item(s, VOLUMES + 1), key, itemBody(s, VOLUMES + 1)).status()).isEqualTo(200);
            }
            // The reason given is the reader's own volumes whose titles the new one resembles.
            JsonNode explained = client.get("/v1/users/" + reader(1, 5) + "/recommendations?k=1&explain=true", key).json().get("items").get(0);
            assertThat(explained.get("itemId").asText()).isEqualTo(item(1, VOLUMES + 1));
            assertThat(explained.get("contributions")).isNotEmpty().allSatisfy(c -> {
                assertThat(c.get("kind").asText()).isEqualTo("content");
                assertThat(c.get("key").asText()).startsWith(SERIES[1] + "-");
            });
            for (int s = 1; s < SERIES.length; s++) {
                String next = item(s, VOLUMES + 1);
                assertThat(rankOf(client, key, reader(s, 5), next)).as("%s for %s", next, reader(s, 5)).isZero();
                // ... and not to the readers of another series.
                assertThat(rankOf(client, key, reader((s + 1) % SERIES.length, 5), next)).as("%s for another series", next).isNotZero();
            }
        }
    }
}
