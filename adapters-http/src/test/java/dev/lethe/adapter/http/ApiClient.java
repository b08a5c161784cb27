package dev.lethe.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A real HTTP client against the test server, returning status, content type and parsed body. */
final class ApiClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    ApiClient(int port) {
        this.port = port;
    }

    record Reply(int status, String contentType, String text) {
        JsonNode json() {
            try {
                return MAPPER.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }
    }

    Reply send(String method, String path, Optional<String> key, Optional<String> contentType, Optional<String> body) {
        return send(method, path, key, contentType, body, null);
    }

    /** With {@code authorization}, sends that header verbatim instead of a bearer key. */
    Reply send(String method, String path, Optional<String> key, Optional<String> contentType, Optional<String> body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20))
                .method(method, body.map(HttpRequest.BodyPublishers::ofString).orElse(HttpRequest.BodyPublishers.noBody()));
        key.ifPresent(k -> request.header("Authorization", "Bearer " + k));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        contentType.ifPresent(t -> request.header("Content-Type", t));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** One behaviour as the API's JSON. */
    static String event(String id, String user, String item, String type, java.time.Instant at) {
        return "{\"eventId\":\"" + id + "\",\"userId\":\"" + user + "\",\"itemId\":\"" + item + "\",\"type\":\"" + type
                + "\",\"timestamp\":\"" + at + "\"}";
    }

    Reply get(String path, String key) {
        return send("GET", path, Optional.of(key), Optional.empty(), Optional.empty());
    }

    Reply post(String path, String key, String json) {
        return send("POST", path, Optional.of(key), Optional.of("application/json"), Optional.of(json));
    }

    Reply put(String path, String key, String json) {
        return send("PUT", path, Optional.of(key), Optional.of("application/json"), Optional.of(json));
    }

    Reply delete(String path, String key) {
        return send("DELETE", path, Optional.of(key), Optional.empty(), Optional.empty());
    }

    /** Writes {@code request} verbatim to a new connection and reads the whole response (the server closes it). */
    Reply raw(String request) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int headerEnd = response.indexOf("\r\n\r\n");
            String[] head = response.substring(0, headerEnd).split("\r\n");
            String contentType = "";
            for (String line : head) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:")) {
                    contentType = line.substring("content-type:".length()).trim();
                }
            }
            return new Reply(Integer.parseInt(head[0].split(" ")[1]), contentType, response.substring(headerEnd + 4));
        } catch (IOException e) {
            throw new AssertionError("raw request failed", e);
        }
    }

    /** Creates a tenant with the admin key and returns its API key. */
    String createTenant(String id, String kind) {
        Reply reply = post("/v1/tenants", TestServer.ADMIN_KEY, "{\"id\":\"" + id + "\",\"name\":\"Tenant " + id + "\",\"kind\":\"" + kind + "\"}");
        if (reply.status() != 201) {
            throw new AssertionError("tenant not created: " + reply);
        }
        return reply.json().get("apiKey").asText();
    }

    /** Polls a training job until it succeeded or failed, at most {@code patience}. */
    JsonNode awaitJob(String key, String id, java.time.Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode job = get("/v1/training-jobs/" + id, key).json();
            String status = job.get("status").asText();
            if (status.equals("succeeded") || status.equals("failed")) {
                return job;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("job " + id + " did not finish within " + patience);
    }
}
