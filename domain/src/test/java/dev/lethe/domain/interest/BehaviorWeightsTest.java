package dev.lethe.domain.interest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.tenant.TenantKind;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class BehaviorWeightsTest {
    private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

    private static Behavior of(BehaviorType type, OptionalDouble value, Optional<Duration> dwell) {
        return new Behavior(new EventId("e"), new UserId("u"), new ItemId("i"), type, T, value, dwell);
    }

    private static double weight(BehaviorWeights w, BehaviorType type) {
        return w.weight(of(type, OptionalDouble.empty(), Optional.empty()));
    }

    @ParameterizedTest
    @EnumSource(TenantKind.class)
    void viewWeighsLessThanClickLessThanAddToCartLessThanPurchase(TenantKind kind) {
        BehaviorWeights w = BehaviorWeights.defaults(kind);

        assertThat(weight(w, BehaviorType.VIEW)).isLessThan(weight(w, BehaviorType.CLICK));
        assertThat(weight(w, BehaviorType.CLICK)).isLessThan(weight(w, BehaviorType.ADD_TO_CART));
        assertThat(weight(w, BehaviorType.ADD_TO_CART)).isLessThan(weight(w, BehaviorType.PURCHASE));
    }

    @Test
    void higherRatingWeighsMoreWithinTheBounds() {
        BehaviorWeights w = BehaviorWeights.defaults(TenantKind.VIDEO);

        double five = w.weight(of(BehaviorType.RATE, OptionalDouble.of(5), Optional.empty()));
        double three = w.weight(of(BehaviorType.RATE, OptionalDouble.of(3), Optional.empty()));
        double terrible = w.weight(of(BehaviorType.RATE, OptionalDouble.of(-100), Optional.empty()));

        assertThat(five).isGreaterThan(three);
        assertThat(three).isEqualTo(w.typeWeights().get(BehaviorType.RATE));
        assertThat(terrible).isEqualTo(three / w.maxFactor());
    }

    @Test
    void longerDwellWeighsMoreButSaturates() {
        BehaviorWeights w = BehaviorWeights.defaults(TenantKind.ECOMMERCE);

        double none = weight(w, BehaviorType.VIEW);
        double minute = w.weight(of(BehaviorType.VIEW, OptionalDouble.empty(), Optional.of(Duration.ofMinutes(1))));
        double day = w.weight(of(BehaviorType.VIEW, OptionalDouble.empty(), Optional.of(Duration.ofDays(1))));

        assertThat(minute).isGreaterThan(none);
        assertThat(day).isGreaterThan(minute).isEqualTo(none * w.maxFactor());
    }

    @Test
    void aMissingTypeWeightIsRejectedNamingTheField() {
        EnumMap<BehaviorType, Double> partial = new EnumMap<>(BehaviorType.class);
        partial.put(BehaviorType.VIEW, 1.0);

        assertThatThrownBy(() -> new BehaviorWeights(partial, 3, 0.2, 30, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("typeWeights");
    }
}
