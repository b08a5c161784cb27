package dev.lethe.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A real HTTP client for the API of a runtime listening on this machine, authenticated by a bearer key. */
final class LocalHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    /** Creates a video tenant with the admin key and ingests 20 views of 5 users over the last day; returns its key. */
    String tenantWithEvents(int port, String adminKey, String tenant) throws IOException, InterruptedException {
        HttpResponse<String> created = send(port, "POST", "/v1/tenants", adminKey, "{\"id\":\"" + tenant + "\",\"name\":\"T\",\"kind\":\"video\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String key = JSON.readTree(created.body()).get("apiKey").asText();
        Instant now = Instant.now();
        List<String> events = new ArrayList<>();
        for (int u = 0; u < 5; u++) {
            for (int i = 0; i < 4; i++) {
                events.add("{\"eventId\":\"e" + u + "-" + i + "\",\"userId\":\"u" + u + "\",\"itemId\":\"i" + ((u + i) % 6)
                        + "\",\"type\":\"view\",\"timestamp\":\"" + now.minusSeconds(3600L * (20 - u * 4 - i)) + "\"}");
            }
        }
        HttpResponse<String> ingested = send(port, "POST", "/v1/events", key, "[" + String.join(",", events) + "]");
        assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(200);
        return key;
    }

    HttpResponse<String> send(int port, String method, String path, String key, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
