package dev.lethe.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One event of {@code POST /v1/events}:
 * {@code {"eventId","userId","itemId","type","timestamp" (ISO-8601 or epoch millis),"value"?,"dwellMs"?}}.
 */
final class EventRequest {
    static final Set<String> FIELDS = Set.of("eventId", "userId", "itemId", "type", "timestamp", "value", "dwellMs");

    private EventRequest() {}

    /** The event's id as sent, when it is a string, so a rejection can still name it. */
    static Optional<String> eventIdOf(JsonNode json) {
        JsonNode id = json == null ? null : json.get("eventId");
        return id != null && id.isTextual() ? Optional.of(id.textValue()) : Optional.empty();
    }

    /** The behaviour, or a {@link Problem} naming the first bad field. */
    static Behavior parse(JsonNode json) {
        JsonFields f = JsonFields.of(json, "", FIELDS);
        EventId eventId = f.convert("eventId", f.requiredText("eventId"), EventId::new);
        UserId userId = f.convert("userId", f.requiredText("userId"), UserId::new);
        ItemId itemId = f.convert("itemId", f.requiredText("itemId"), ItemId::new);
        BehaviorType type = f.convert("type", f.requiredText("type"), BehaviorType::parse);
        Instant at = timestamp(f.raw("timestamp"));
        OptionalDouble value = f.optionalNumber("value");
        if (value.isPresent() && !Double.isFinite(value.getAsDouble())) {
            throw Problem.badRequest("value", "invalid_value", "value must be a finite number");
        }
        OptionalLong dwellMs = f.optionalInteger("dwellMs");
        if (dwellMs.isPresent() && dwellMs.getAsLong() < 0) {
            throw Problem.badRequest("dwellMs", "invalid_value", "dwellMs must not be negative");
        }
        Optional<Duration> dwell = dwellMs.isPresent() ? Optional.of(Duration.ofMillis(dwellMs.getAsLong())) : Optional.empty();
        return new Behavior(eventId, userId, itemId, type, at, value, dwell);
    }

    static Instant timestamp(JsonNode raw) {
        if (raw.isMissingNode() || raw.isNull()) {
            throw Problem.badRequest("timestamp", "missing_field", "timestamp is required");
        }
        if (raw.isIntegralNumber() && raw.canConvertToLong()) {
            long millis = raw.longValue();
            if (Math.abs(millis) > 8_000_000_000_000_000L / 1000) {
                throw Problem.badRequest("timestamp", "invalid_value", "timestamp in epoch milliseconds is out of range");
            }
            return Instant.ofEpochMilli(millis);
        }
        if (raw.isTextual()) {
            String text = raw.textValue();
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw Problem.badRequest("timestamp", "invalid_value",
                        "timestamp must be ISO-8601 with an offset (2024-05-01T12:00:00Z) or epoch milliseconds, got: " + abbreviate(text));
            }
        }
        throw Problem.badRequest("timestamp", "invalid_type", "timestamp must be an ISO-8601 string or an integer of epoch milliseconds");
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
