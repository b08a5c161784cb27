package dev.lethe.domain.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.tenant.TenantKind;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticGeneratorTest {
    private static final Instant END = Instant.parse("2026-06-01T00:00:00Z");

    private static SyntheticTenant generate(TenantKind kind, long seed) {
        return new SyntheticGenerator(kind, 40, seed, END, Duration.ofDays(90)).generate();
    }

    @Test
    void sameSeedGivesTheSameLog() {
        assertThat(generate(TenantKind.VIDEO, 7).behaviors()).isEqualTo(generate(TenantKind.VIDEO, 7).behaviors());
        assertThat(generate(TenantKind.VIDEO, 8).behaviors()).isNotEqualTo(generate(TenantKind.VIDEO, 7).behaviors());
    }

    @Test
    void eventsLieInsideTheSpanInTimeOrderWithUniqueIds() {
        SyntheticTenant tenant = generate(TenantKind.ECOMMERCE, 1);
        List<Behavior> log = tenant.behaviors();
        assertThat(log).isNotEmpty();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < log.size(); i++) {
            Behavior b = log.get(i);
            assertThat(b.occurredAt()).isBetween(END.minus(Duration.ofDays(90)), END);
            if (i > 0) {
                assertThat(b.occurredAt()).isAfterOrEqualTo(log.get(i - 1).occurredAt());
            }
            assertThat(ids.add(b.eventId().value())).isTrue();
        }
        assertThat(tenant.truth().events()).isEqualTo(log.size());
    }

    @Test
    void recordsEveryUsersOwnHalfLifeLogNormalAroundTheKinds() {
        SyntheticTenant tenant = generate(TenantKind.VIDEO, 1);
        java.util.Collection<Double> halfLives = tenant.truth().userHalfLifeDays().values();

        assertThat(halfLives).hasSize(40);
        double meanLog = halfLives.stream().mapToDouble(Math::log).average().orElseThrow();
        assertThat(Math.exp(meanLog)).isCloseTo(21, org.assertj.core.api.Assertions.within(21 * 0.2));
        assertThat(halfLives.stream().mapToDouble(h -> h).max().orElseThrow()).isGreaterThan(1.2 * halfLives.stream().mapToDouble(h -> h).min().orElseThrow());
    }

    @Test
    void recordsTheTrueHalfLifeOfTheKind() {
        assertThat(generate(TenantKind.FINANCE, 1).truth().halfLifeDays()).isEqualTo(SyntheticGenerator.trueHalfLifeDays(TenantKind.FINANCE));
    }

    @Test
    void engagementsClusterInTimeWithinACategoryAsTheKernelPredicts() {
        // With self-excitation, consecutive engagements of a user share their category more often than
        // the same engagements in a random order do.
        // Pooled over three seeds: one 40-user tenant's ratio varies between about 1.03 and 1.2.
        double ordered = 0;
        double shuffled = 0;
        java.util.Random shuffler = new java.util.Random(42);
        for (long seed = 1; seed <= 3; seed++) {
            SyntheticTenant tenant = generate(TenantKind.VIDEO, seed);
            java.util.Map<String, String> category = new java.util.HashMap<>();
            tenant.items().forEach(item -> category.put(item.id().value(), item.categories().iterator().next()));
            java.util.Map<String, List<String>> sequences = new java.util.TreeMap<>();
            for (Behavior b : tenant.behaviors()) {
                sequences.computeIfAbsent(b.userId().value(), u -> new java.util.ArrayList<>()).add(category.get(b.itemId().value()));
            }
            for (List<String> sequence : sequences.values()) {
                ordered += sameAsPrevious(sequence);
                List<String> copy = new java.util.ArrayList<>(sequence);
                java.util.Collections.shuffle(copy, shuffler);
                shuffled += sameAsPrevious(copy);
            }
        }
        assertThat(ordered).isGreaterThan(1.05 * shuffled);
    }

    private static int sameAsPrevious(List<String> sequence) {
        int same = 0;
        for (int i = 1; i < sequence.size(); i++) {
            if (sequence.get(i).equals(sequence.get(i - 1))) {
                same++;
            }
        }
        return same;
    }
}
