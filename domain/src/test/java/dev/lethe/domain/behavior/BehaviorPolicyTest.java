package dev.lethe.domain.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class BehaviorPolicyTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private static Behavior at(Instant when, BehaviorType type, OptionalDouble value) {
        return new Behavior(new EventId("e1"), new UserId("u1"), new ItemId("i1"), type, when, value, Optional.empty());
    }

    @Test
    void acceptsAnOrdinaryRecentView() {
        assertThat(BehaviorPolicy.check(at(NOW.minusSeconds(60), BehaviorType.VIEW, OptionalDouble.empty()), NOW)).isEmpty();
    }

    @Test
    void rejectsTimestampsBefore1990() {
        assertThat(BehaviorPolicy.check(at(Instant.parse("1989-12-31T23:59:59Z"), BehaviorType.VIEW, OptionalDouble.empty()), NOW))
                .get().extracting(BehaviorPolicy.Rejection::code).isEqualTo("timestamp_too_old");
    }

    @Test
    void rejectsTimestampsMoreThanADayAhead() {
        assertThat(BehaviorPolicy.check(at(NOW.plus(Duration.ofHours(25)), BehaviorType.VIEW, OptionalDouble.empty()), NOW))
                .get().extracting(BehaviorPolicy.Rejection::field).isEqualTo("timestamp");
        assertThat(BehaviorPolicy.check(at(NOW.plus(Duration.ofHours(23)), BehaviorType.VIEW, OptionalDouble.empty()), NOW)).isEmpty();
    }

    @Test
    void requiresAValueForRatings() {
        assertThat(BehaviorPolicy.check(at(NOW, BehaviorType.RATE, OptionalDouble.empty()), NOW))
                .get().extracting(BehaviorPolicy.Rejection::code).isEqualTo("value_required");
    }

    @Test
    void rejectsHugeValues() {
        assertThat(BehaviorPolicy.check(at(NOW, BehaviorType.PURCHASE, OptionalDouble.of(2e9)), NOW))
                .get().extracting(BehaviorPolicy.Rejection::field).isEqualTo("value");
    }

    @Test
    void idsMustBeShortAndPlain() {
        assertThatThrownBy(() -> new UserId("has space")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("userId");
        assertThatThrownBy(() -> new ItemId("x".repeat(129))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("itemId");
    }

    @Test
    void parsesWireNamesOfBehaviourTypes() {
        assertThat(BehaviorType.parse("add-to-cart")).isEqualTo(BehaviorType.ADD_TO_CART);
        assertThatThrownBy(() -> BehaviorType.parse("teleport")).hasMessageContaining("behaviour type");
    }
}
