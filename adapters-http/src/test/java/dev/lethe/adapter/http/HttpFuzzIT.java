package dev.lethe.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded, bounded fuzz campaign over every operation of docs/openapi.yaml: thousands of requests with
 * mutated methods, paths, query strings, headers (missing, duplicated, malformed, bad auth) and bodies
 * (truncated, garbage, huge numbers, bad Unicode, deep nesting), written to raw sockets so that nothing a
 * client library would refuse to send is spared. Every answer must be below 500, every error a valid
 * problem+json, no request may go unanswered, and the server must be well afterwards. Reproduce a failure
 * with {@code -Dlethe.fuzz.seed=<seed>}; {@code -Dlethe.fuzz.requests=<n>} sets the campaign's size.
 */
class HttpFuzzIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern PATH = Pattern.compile("^  (/\\S*):\\s*$");
    private static final Pattern METHOD = Pattern.compile("^    (get|put|post|delete|patch|head|options):\\s*$");
    private static final Duration BUDGET = Duration.ofSeconds(40);
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT",
        "get", "FOO", "G@T", "PROPFIND", ""};
    private static final String[] CONTENT_TYPES = {"application/json", "application/json; charset=utf-8", EventsHandler.NDJSON,
        "application/problem+json", "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/json; charset=utf-16",
        "", "\u00e9/\u00e9", "application/x-www-form-urlencoded", ";;;"};
    private static final String[] HOSTILE_VALUES = {"", " ", "-1", "0", "1e999", "99999999999999999999999999", "NaN", "null", "true",
        "%zz", "%00", "%ED%A0%80", "%C3%28", "%F0%9F%9A%80", "..%2F..%2Fetc", "a,,b", "x".repeat(600), "'; DROP TABLE items; --"};
    private static final String[] BODY_NASTIES = {"\"\\ud800\"", "\"\\udc00x\"", "1e400", "-1e400", "123456789012345678901234567890",
        "-0", "0.0000000000000000000000001", "\"\"", "null", "true", "[]", "{}", "\"" + "y".repeat(2000) + "\"", "\"pad \"",
        "\"\\u0000\"", "\"\uD83D\uDE80\"", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"};

    private record Operation(String method, String path) {}

    private record Answer(int status, String contentType, byte[] body) {}

    @Test
    void thousandsOfMutatedRequestsGetNo5xxAndOnlyValidProblems(@TempDir Path artifacts) throws Exception {
        long seed = Long.getLong("lethe.fuzz.seed", 20_261_203L);
        int requests = Integer.getInteger("lethe.fuzz.requests", 3_000);
        List<Operation> operations = operations(Path.of("..", "docs", "openapi.yaml"));
        assertThat(operations).as("operations read from openapi.yaml").hasSizeGreaterThanOrEqualTo(16);

        try (TestServer server = TestServer.start(artifacts, Optional.empty())) {
            ApiClient client = new ApiClient(server.port);
            String tenantKey = client.createTenant("t-fuzz", "video");
            client.put("/v1/items/i1", tenantKey, "{\"categories\":[\"c\"]}");
            client.post("/v1/events", tenantKey, "[" + event("seed-1", Instant.now().minusSeconds(60)) + "]");
            Random random = new Random(seed);
            List<String> failures = new ArrayList<>();
            int sent = 0;
            int frameworkLimits = 0;
            long deadline = System.nanoTime() + BUDGET.toNanos();
            for (; sent < requests && System.nanoTime() < deadline && failures.size() < 20; sent++) {
                Operation operation = operations.get(random.nextInt(operations.size()));
                byte[] request = request(random, operation, tenantKey);
                Optional<String> failure = check(request, send(server.port, request));
                if (failure.isPresent() && isFrameworkLimit(request, failure.get())) {
                    frameworkLimits++;
                    continue;
                }
                failure.ifPresent(f -> failures.add(f + "\n  request: " + printable(request)));
            }

            System.out.printf("HttpFuzzIT: seed %d, %d requests over %d operations, %d at Vert.x's known limits%n",
                    seed, sent, operations.size(), frameworkLimits);
            assertThat(failures).as("seed %d, %d requests (%d at Vert.x's known limits)", seed, sent, frameworkLimits).isEmpty();
            assertThat(sent).as("requests sent within %s", BUDGET).isGreaterThanOrEqualTo(Math.min(requests, 1_000));
            assertThat(client.send("GET", "/health/live", Optional.empty(), Optional.empty(), Optional.empty()).status()).isEqualTo(200);
            assertThat(client.get("/v1/users/u1/recommendations", tenantKey).status()).isEqualTo(200);
            assertThat(client.post("/v1/events", tenantKey, event("after-fuzz", Instant.now().minusSeconds(1))).json().get("accepted").asInt())
                    .isEqualTo(1);
        }
    }

    /**
     * Two behaviours of Vert.x 5.0 / Netty below any Lethe handler, which Lethe cannot reach: an unknown
     * HTTP version ({@code HTTP/9.9}) gets an empty 501 and a closed connection; an HTTP/1.0 request with
     * conflicting Content-Length headers is not refused as an HTTP/1.1 one is (400), nor does it reach
     * Lethe's request handler: the connection waits until this client gives up. Counted, not hidden;
     * everything else must pass.
     */
    private static boolean isFrameworkLimit(byte[] request, String failure) {
        String text = new String(request, StandardCharsets.ISO_8859_1);
        String head = text.substring(0, Math.max(0, text.indexOf("\r\n\r\n")));
        boolean unknownVersion = head.contains(" HTTP/9.9\r\n") && failure.startsWith("answered 501");
        boolean conflictingLength = head.contains(" HTTP/1.0\r\n") && failure.startsWith("no answer")
                && Pattern.compile("(?m)^Content-Length:").matcher(head.replace("\r\n", "\n")).results().count() > 1;
        return unknownVersion || conflictingLength;
    }

    /** The operations of the OpenAPI document: each path with each of its methods. */
    static List<Operation> operations(Path openApi) throws IOException {
        List<Operation> operations = new ArrayList<>();
        String path = null;
        for (String line : Files.readAllLines(openApi)) {
            Matcher p = PATH.matcher(line);
            Matcher m = METHOD.matcher(line);
            if (p.matches()) {
                path = p.group(1);
            } else if (m.matches() && path != null) {
                operations.add(new Operation(m.group(1).toUpperCase(Locale.ROOT), path));
            } else if (!line.startsWith(" ") && !line.isEmpty() && !line.startsWith("paths:")) {
                path = null;
            }
        }
        return operations;
    }

    private static byte[] request(Random random, Operation operation, String tenantKey) {
        String method = random.nextInt(10) < 7 ? operation.method() : METHODS[random.nextInt(METHODS.length)];
        String target = target(random, operation.path());
        String version = pick(random, 20, "HTTP/1.1", "HTTP/1.0", "HTTP/1.1", "HTTP/9.9");
        byte[] body = body(random, operation);
        List<String> headers = new ArrayList<>();
        if (random.nextInt(12) != 0) {
            headers.add("Host: 127.0.0.1");
        }
        if (random.nextInt(25) == 0) {
            headers.add("Host: other.example");
        }
        String key = operation.path().equals("/v1/tenants") ? TestServer.ADMIN_KEY : tenantKey;
        switch (random.nextInt(12)) {
            case 0 -> { }
            case 1 -> headers.add("Authorization: Bearer unknown-key-000000000000000000000");
            case 2 -> headers.add("Authorization: Basic dXNlcjpwYXNz");
            case 3 -> headers.add("Authorization: Bearer ");
            case 4 -> {
                headers.add("Authorization: Bearer " + key);
                headers.add("Authorization: Bearer " + tenantKey + "x");
            }
            case 5 -> headers.add("Authorization: Bearer " + "k".repeat(300));
            case 6 -> headers.add("Authorization: bearer " + key);
            default -> headers.add("Authorization: Bearer " + key);
        }
        if (body.length > 0 || random.nextInt(4) == 0) {
            if (random.nextInt(8) != 0) {
                headers.add("Content-Type: " + (random.nextInt(3) != 0 ? contentTypeFor(operation, random) : CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)]));
            }
            if (random.nextInt(30) == 0) {
                headers.add("Content-Type: text/plain");
            }
            switch (random.nextInt(25)) {
                case 0 -> headers.add("Content-Length: abc");
                case 1 -> headers.add("Content-Length: -1");
                case 2 -> {
                    headers.add("Content-Length: " + body.length);
                    headers.add("Content-Length: " + (body.length + 1));
                }
                default -> headers.add("Content-Length: " + body.length);
            }
        }
        switch (random.nextInt(20)) {
            case 0 -> headers.add("Accept: application/xml");
            case 1 -> headers.add("X-Strange: \u00ff\u00fe");
            case 2 -> headers.add("Expect: 100-continue");
            case 3 -> headers.add("Transfer-Encoding: gzip");
            case 4 -> headers.add("Accept-Encoding: gzip, deflate, br");
            default -> { }
        }
        headers.add("Connection: close");
        Collections.shuffle(headers, random);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] head = (method + " " + target + " " + version + "\r\n" + String.join("\r\n", headers) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        out.writeBytes(head);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static String target(Random random, String template) {
        StringBuilder path = new StringBuilder();
        Matcher parameter = Pattern.compile("\\{([^}]+)}").matcher(template);
        int from = 0;
        while (parameter.find()) {
            path.append(template, from, parameter.start());
            path.append(random.nextInt(3) != 0 ? validParameter(parameter.group(1)) : HOSTILE_VALUES[random.nextInt(HOSTILE_VALUES.length)]);
            from = parameter.end();
        }
        path.append(template.substring(from));
        if (random.nextInt(15) == 0) {
            path.append(pick(random, 0, "/", "//", "/extra", "%2F", ";a=b", "#frag"));
        }
        if (random.nextInt(3) == 0) {
            StringBuilder query = new StringBuilder("?");
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                String name = pick(random, 0, "k", "k", "explain", "exclude", "category", "diversity", "limit", "asOf", "zz", "%zz", "");
                String value = random.nextBoolean() ? HOSTILE_VALUES[random.nextInt(HOSTILE_VALUES.length)] : pick(random, 0, "5", "true", "i1", "c", "0.5");
                query.append(i == 0 ? "" : "&").append(name).append('=').append(value);
            }
            path.append(query);
        }
        return path.toString();
    }

    private static String validParameter(String name) {
        return switch (name) {
            case "itemId" -> "i1";
            case "userId" -> "u1";
            case "version" -> "1";
            case "jobId" -> "job-1";
            default -> "x";
        };
    }

    private static String contentTypeFor(Operation operation, Random random) {
        return operation.path().equals("/v1/events") && random.nextInt(4) == 0 ? EventsHandler.NDJSON : "application/json";
    }

    private static byte[] body(Random random, Operation operation) {
        String valid = switch (operation.path()) {
            case "/v1/tenants" -> "{\"id\":\"fz-" + random.nextInt(1_000_000) + "\",\"name\":\"Fuzz\",\"kind\":\"" + pick(random, 0, "video", "ecommerce", "finance") + "\"}";
            case "/v1/events" -> random.nextBoolean() ? event("fz-" + random.nextInt(5_000), Instant.now().minusSeconds(random.nextInt(100_000)))
                    : "[" + event("fz-" + random.nextInt(5_000), Instant.now()) + "," + event("fz-" + random.nextInt(5_000), Instant.now().plusSeconds(9_000_000)) + "]";
            case "/v1/items/{itemId}" -> "{\"categories\":[\"a\",\"b\"],\"attributes\":{\"title\":\"T\"}}";
            case "/v1/training-jobs" -> "{\"family\":\"" + pick(random, 0, "decayed-pop", "profile", "lstm", "oracle") + "\"}";
            default -> random.nextInt(4) == 0 ? "{}" : "";
        };
        if (valid.isEmpty()) {
            return new byte[0];
        }
        byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> bytes;
            case 3 -> Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 4 -> flip(random, bytes);
            case 5 -> garbage(random);
            case 6 -> replaceAValue(random, valid).getBytes(StandardCharsets.UTF_8);
            case 7 -> invalidUtf8(random, bytes);
            case 8 -> ("[" + "[".repeat(random.nextInt(2_000)) + "]").getBytes(StandardCharsets.UTF_8);
            default -> (valid + "\n" + valid.replace('{', '[')).getBytes(StandardCharsets.UTF_8);
        };
    }

    /** Replaces one string or number value of the JSON text by something hostile. */
    private static String replaceAValue(Random random, String json) {
        Matcher values = Pattern.compile(":(\"[^\"]*\"|-?\\d+(?:\\.\\d+)?|\\[[^\\]]*])").matcher(json);
        List<int[]> spans = new ArrayList<>();
        while (values.find()) {
            spans.add(new int[] {values.start(1), values.end(1)});
        }
        if (spans.isEmpty()) {
            return json;
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        return json.substring(0, span[0]) + BODY_NASTIES[random.nextInt(BODY_NASTIES.length)] + json.substring(span[1]);
    }

    private static byte[] flip(Random random, byte[] bytes) {
        byte[] copy = bytes.clone();
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private static byte[] garbage(Random random) {
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] invalidUtf8(Random random, byte[] bytes) {
        byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xFF}};
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int quote = text.indexOf("\":\"");
        int at = quote < 0 ? random.nextInt(bytes.length) : quote + 3;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.writeBytes(bad[random.nextInt(bad.length)]);
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }

    private static String event(String id, Instant at) {
        return "{\"eventId\":\"" + id + "\",\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\",\"timestamp\":\"" + at + "\"}";
    }

    @SafeVarargs
    private static <T> T pick(Random random, int rareOneIn, T... choices) {
        if (rareOneIn > 0) {
            // The last choice is the rare one.
            return random.nextInt(rareOneIn) == 0 ? choices[choices.length - 1] : choices[random.nextInt(choices.length - 1)];
        }
        return choices[random.nextInt(choices.length)];
    }

    /** Sends the request on a new connection and reads one response (head and Content-Length body), or empty if none came. */
    private static Optional<Answer> send(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // The server may answer and close before reading everything; the answer is still there to read.
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!endsWithBlankLine(head)) {
                int b;
                try {
                    b = in.read();
                } catch (SocketTimeoutException e) {
                    return Optional.empty();
                } catch (IOException e) {
                    b = -1;
                }
                if (b < 0) {
                    return Optional.empty();
                }
                head.write(b);
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            String contentType = "";
            int length = -1;
            for (String line : lines) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    contentType = line.substring("content-type:".length()).trim();
                } else if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).trim());
                }
            }
            boolean head0 = new String(request, 0, Math.min(request.length, 5), StandardCharsets.ISO_8859_1).startsWith("HEAD ");
            byte[] body = head0 || length == 0 ? new byte[0] : length > 0 ? in.readNBytes(length) : in.readAllBytes();
            return Optional.of(new Answer(status, contentType, body));
        }
    }

    private static boolean endsWithBlankLine(ByteArrayOutputStream head) {
        byte[] b = head.toByteArray();
        int n = b.length;
        return n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n';
    }

    private static Optional<String> check(byte[] request, Optional<Answer> reply) {
        if (reply.isEmpty()) {
            return Optional.of("no answer (connection closed or timed out)");
        }
        Answer answer = reply.get();
        if (answer.status() >= 500) {
            return Optional.of("answered " + answer.status() + ": " + new String(answer.body(), StandardCharsets.UTF_8));
        }
        boolean head = new String(request, 0, Math.min(request.length, 5), StandardCharsets.ISO_8859_1).startsWith("HEAD ");
        if (answer.status() < 400 || head) {
            return Optional.empty();
        }
        if (!answer.contentType().startsWith(FailureHandler.PROBLEM_JSON)) {
            return Optional.of("answered " + answer.status() + " as " + answer.contentType());
        }
        try {
            JsonNode problem = MAPPER.readTree(answer.body());
            boolean valid = problem != null && problem.path("status").asInt() == answer.status() && problem.path("code").isTextual()
                    && problem.path("title").isTextual() && problem.path("type").asText().startsWith("https://");
            return valid ? Optional.empty() : Optional.of("answered " + answer.status() + " with an invalid problem: " + problem);
        } catch (IOException e) {
            return Optional.of("answered " + answer.status() + " with a body that is no JSON: " + new String(answer.body(), StandardCharsets.UTF_8));
        }
    }

    private static String printable(byte[] request) {
        String text = new String(request, StandardCharsets.ISO_8859_1);
        text = text.length() > 600 ? text.substring(0, 600) + "…" : text;
        return text.replace("\r\n", "⏎ ");
    }
}
