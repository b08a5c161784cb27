package dev.lethe.application.service.interest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lethe.application.port.in.Interests.Strength;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.interest.BehaviorWeights;
import dev.lethe.domain.tenant.TenantKind;
import dev.lethe.domain.item.Item;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DecayedInterestsTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final UserId USER = new UserId("u1");
    private static final BehaviorWeights WEIGHTS = BehaviorWeights.defaults(TenantKind.ECOMMERCE);

    private static Behavior at(String event, String item, BehaviorType type, Duration ago) {
        return Behavior.of(new EventId(event), USER, new ItemId(item), type, NOW.minus(ago));
    }

    private static Item item(String id, String... categories) {
        return new Item(new ItemId(id), Set.of(categories), Map.of());
    }

    @Test
    void aPurchaseOneHalfLifeAgoKeepsHalfItsStrength() {
        DecayedInterests interests = DecayedInterests.of(USER, List.of(at("e1", "i1", BehaviorType.PURCHASE, Duration.ofDays(14))),
                Map.of(new ItemId("i1"), item("i1", "shoes")), ExponentialCurve.ofDays(14), WEIGHTS, NOW);

        Strength shoes = interests.categories().get(0);
        assertThat(shoes.key()).isEqualTo("shoes");
        assertThat(shoes.originalStrength()).isEqualTo(8.0);
        assertThat(shoes.currentStrength()).isCloseTo(4.0, within(1e-9));
    }

    @Test
    void behavioursAfterTheMomentAreIgnored() {
        Behavior future = Behavior.of(new EventId("e1"), USER, new ItemId("i1"), BehaviorType.VIEW, NOW.plusSeconds(60));

        DecayedInterests interests = DecayedInterests.of(USER, List.of(future), Map.of(), ExponentialCurve.ofDays(14), WEIGHTS, NOW);

        assertThat(interests.items()).isEmpty();
    }
}
