package dev.lethe.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventRequestTest {

    private static JsonNode json(String text) {
        return Json.tree(text.getBytes(StandardCharsets.UTF_8), "event");
    }

    @Test
    void epochMillisAndIsoTimestampsMeanTheSameMoment() {
        Behavior iso = EventRequest.parse(json("{\"eventId\":\"e1\",\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"add-to-cart\",\"timestamp\":\"2024-05-01T14:00:00+02:00\"}"));
        Behavior millis = EventRequest.parse(json("{\"eventId\":\"e1\",\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"add_to_cart\",\"timestamp\":1714564800000}"));

        assertThat(iso).isEqualTo(millis);
        assertThat(iso.occurredAt()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
        assertThat(iso.type()).isEqualTo(BehaviorType.ADD_TO_CART);
    }

    @Test
    void valueAndDwellAreOptional() {
        Behavior b = EventRequest.parse(json("{\"eventId\":\"e1\",\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"rate\",\"timestamp\":0,\"value\":4.5,\"dwellMs\":1500}"));

        assertThat(b.value().getAsDouble()).isEqualTo(4.5);
        assertThat(b.dwell()).contains(Duration.ofMillis(1500));
    }

    @Test
    void aFractionalTimestampIsRefusedNamingTheField() {
        Problem problem = catchThrowableOfType(Problem.class,
                () -> EventRequest.parse(json("{\"eventId\":\"e1\",\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"view\",\"timestamp\":1.5}")));

        assertThat(problem.field()).contains("timestamp");
        assertThat(problem.code()).isEqualTo("invalid_type");
    }

    @Test
    void aDuplicateFieldIsMalformedJson() {
        Problem problem = catchThrowableOfType(Problem.class, () -> json("{\"eventId\":\"a\",\"eventId\":\"b\"}"));

        assertThat(problem.code()).isEqualTo("malformed_json");
    }

    @Test
    void anIllegalArgumentNamesTheFieldItsMessageStartsWith() {
        Problem problem = FailureHandler.toProblem(new IllegalArgumentException("k must be between 1 and 1000, got: 0"), -1);

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.field()).contains("k");
    }

    @Test
    void anUnexpectedFailureIsA500ThatRevealsNothing() {
        Problem problem = FailureHandler.toProblem(new NullPointerException("secret internals"), -1);

        assertThat(problem.status()).isEqualTo(500);
        assertThat(problem.getMessage()).doesNotContain("secret");
    }
}
