package dev.lethe.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lethe.application.port.in.IngestBehaviorsCommand;
import dev.lethe.application.port.in.IngestBehaviorsUseCase;
import dev.lethe.application.port.in.IngestionOutcome;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.tenant.Tenant;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /v1/events}: one JSON event, a JSON array, or NDJSON; answers each event accepted,
 * duplicate or rejected (with field, code and detail). In a batch a malformed event is rejected on its
 * own and the others are still ingested. A single event (a JSON object) is the request: malformed it is
 * a 400, refused by the ingestion policy (e.g. a timestamp in the future) a 422, both naming the field.
 */
final class EventsHandler {
    static final String NDJSON = "application/x-ndjson";
    static final String REJECTED = "lethe.events.rejected";
    private final IngestBehaviorsUseCase ingest;
    private final Blocking blocking;
    private final MeterRegistry metrics;

    EventsHandler(IngestBehaviorsUseCase ingest, Blocking blocking, MeterRegistry metrics) {
        this.ingest = ingest;
        this.blocking = blocking;
        this.metrics = metrics;
    }

    record EventResult(int index, String eventId, String status, String field, String code, String detail) {}

    record IngestResponse(int accepted, int duplicates, int rejected, List<EventResult> results) {}

    void ingest(RoutingContext ctx) {
        Tenant tenant = ApiKeyAuthHandler.tenant(ctx);
        String contentType = ctx.request().getHeader("Content-Type");
        Buffer body = ctx.body().buffer();
        // A batch is up to 10,000 events (megabytes of JSON): parsed on the worker, not the event loop.
        blocking.run(ctx, () -> {
            Submitted submitted = parse(contentType, body);
            List<Parsed> parsed = submitted.events();
            List<Behavior> valid = new ArrayList<>();
            for (Parsed p : parsed) {
                p.behavior.ifPresent(valid::add);
            }
            List<IngestionOutcome> outcomes = valid.isEmpty() ? List.of() : ingest.ingest(new IngestBehaviorsCommand(tenant.id(), valid));
            IngestResponse response = answer(tenant, parsed, outcomes);
            if (submitted.single() && response.rejected() == 1) {
                EventResult refused = response.results().get(0);
                throw new Problem(422, refused.code(), Optional.ofNullable(refused.field()), refused.detail());
            }
            return response;
        }, (c, response) -> Blocking.json(c, 200, response));
    }

    /** The events of one request, and whether it sent a single event (a JSON object) rather than a batch. */
    record Submitted(List<Parsed> events, boolean single) {}

    private IngestResponse answer(Tenant tenant, List<Parsed> parsed, List<IngestionOutcome> outcomes) {
        List<EventResult> results = new ArrayList<>(parsed.size());
        int next = 0;
        int accepted = 0;
        int duplicates = 0;
        for (int i = 0; i < parsed.size(); i++) {
            Parsed p = parsed.get(i);
            if (p.rejection.isPresent()) {
                Problem r = p.rejection.get();
                results.add(new EventResult(i, p.eventId.orElse(null), "rejected", r.field().orElse(null), r.code(), r.getMessage()));
                countRejected(tenant, r.code());
                continue;
            }
            IngestionOutcome outcome = outcomes.get(next++);
            String id = outcome.eventId().value();
            if (outcome instanceof IngestionOutcome.Accepted) {
                accepted++;
                results.add(new EventResult(i, id, "accepted", null, null, null));
            } else if (outcome instanceof IngestionOutcome.Duplicate) {
                duplicates++;
                results.add(new EventResult(i, id, "duplicate", null, null, null));
            } else if (outcome instanceof IngestionOutcome.Rejected rejected) {
                results.add(new EventResult(i, id, "rejected", rejected.field(), rejected.code(), rejected.detail()));
                countRejected(tenant, rejected.code());
            }
        }
        int rejected = parsed.size() - accepted - duplicates;
        count(tenant, "accepted", accepted);
        count(tenant, "duplicate", duplicates);
        count(tenant, "rejected", rejected);
        return new IngestResponse(accepted, duplicates, rejected, results);
    }

    private void count(Tenant tenant, String outcome, int n) {
        if (n > 0) {
            Counter.builder("lethe.events.ingested").description("events received by outcome")
                    .tag("tenant", tenant.id().value()).tag("outcome", outcome).register(metrics).increment(n);
        }
    }

    /** Rejections by reason, which {@code GET /v1/overview} reports (since this server started). */
    private void countRejected(Tenant tenant, String code) {
        Counter.builder(REJECTED).description("events rejected, by reason (the problem code)")
                .tag("tenant", tenant.id().value()).tag("code", code).register(metrics).increment();
    }

    /** An event as parsed: a behaviour, or why it was refused before reaching the use case. */
    record Parsed(Optional<String> eventId, Optional<Behavior> behavior, Optional<Problem> rejection) {
        static Parsed of(JsonNode json) {
            try {
                return new Parsed(Optional.empty(), Optional.of(EventRequest.parse(json)), Optional.empty());
            } catch (Problem p) {
                return new Parsed(EventRequest.eventIdOf(json), Optional.empty(), Optional.of(p));
            }
        }
    }

    static Submitted parse(String contentType, Buffer body) {
        // The media type before any parameters; ";;;" has none, so split(";") would yield no element at all.
        String type = contentType == null ? "application/json" : contentType.toLowerCase(Locale.ROOT).replaceFirst(";.*$", "").trim();
        if (body == null || body.length() == 0) {
            throw Problem.badRequest("events", "missing_body", "send one event, a JSON array of events, or NDJSON");
        }
        List<Parsed> parsed = new ArrayList<>();
        if (type.equals(NDJSON)) {
            String[] lines = body.toString(StandardCharsets.UTF_8).split("\n");
            int events = 0;
            for (String line : lines) {
                events += line.isBlank() ? 0 : 1;
            }
            requireBatchSize(events);
            for (String line : lines) {
                if (!line.isBlank()) {
                    parsed.add(parseLine(line));
                }
            }
            return new Submitted(parsed, false);
        }
        if (!type.equals("application/json") && !type.endsWith("+json")) {
            throw new Problem(415, "unsupported_media_type", Optional.of("Content-Type"), "send application/json or " + NDJSON + ", got: " + type);
        }
        JsonNode json = Json.tree(body, "events");
        if (json.isArray()) {
            requireBatchSize(json.size());
            json.forEach(e -> parsed.add(Parsed.of(e)));
            return new Submitted(parsed, false);
        }
        // A single event: its mistakes are the request's mistakes.
        EventRequest.parse(json);
        parsed.add(Parsed.of(json));
        return new Submitted(parsed, true);
    }

    private static Parsed parseLine(String line) {
        JsonNode json;
        try {
            json = Json.tree(line.getBytes(StandardCharsets.UTF_8), "event");
        } catch (Problem p) {
            return new Parsed(Optional.empty(), Optional.empty(), Optional.of(p));
        }
        return Parsed.of(json);
    }

    private static void requireBatchSize(int size) {
        if (size == 0) {
            throw Problem.badRequest("events", "empty_batch", "the batch holds no events");
        }
        if (size > IngestBehaviorsCommand.MAX_BATCH) {
            throw new Problem(413, "batch_too_large", Optional.of("events"),
                    "a request may hold at most " + IngestBehaviorsCommand.MAX_BATCH + " events, got " + size);
        }
    }
}
