package dev.lethe.application.port.out.contract;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.ScoringContext;
import dev.lethe.domain.model.TrainingData;
import dev.lethe.domain.model.TrainingData.ValidationCase;
import dev.lethe.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.UUID;

/** Data for the contract kit: fresh tenants, and behaviours of one user, one item per event, one minute apart unless said otherwise. */
public final class ContractData {
    /** The moment the generated behaviours start. */
    public static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    private ContractData() {}

    /** A tenant no other test uses: the kit's tests share one store and never see each other's rows. */
    public static TenantId freshTenant() {
        return new TenantId("t-" + UUID.randomUUID());
    }

    public static Behavior view(String eventId, String user, String item, Instant at) {
        return Behavior.of(new EventId(eventId), new UserId(user), new ItemId(item), BehaviorType.VIEW, at);
    }

    public static Behavior rated(String eventId, String user, String item, Instant at, double value, Duration dwell) {
        return new Behavior(new EventId(eventId), new UserId(user), new ItemId(item), BehaviorType.RATE, at,
                OptionalDouble.of(value), Optional.of(dwell));
    }

    /** {@code count} views by {@code user}, event ids {@code prefix-0…}, item {@code i-<n>}, minute {@code n}. */
    public static List<Behavior> views(String prefix, String user, int count) {
        List<Behavior> behaviors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            behaviors.add(view(prefix + "-" + i, user, "i-" + i, T0.plusSeconds(60L * i)));
        }
        return behaviors;
    }

    /** Items in the catalogue of {@link #walks}. */
    public static final int WALK_ITEMS = 40;

    /**
     * Training data with a learnable rule, for model engines: each of {@code users} walks the catalogue of
     * {@value #WALK_ITEMS} items in steps of +1 from a random start, 8 to 27 steps an hour or so apart;
     * each validation case asks for the next item of one user's walk.
     */
    public static TrainingData walks(int users, long seed) {
        Random random = new Random(seed);
        List<ItemId> ids = new ArrayList<>();
        for (int i = 0; i < WALK_ITEMS; i++) {
            ids.add(new ItemId("item-" + i));
        }
        Catalogue catalogue = Catalogue.of(ids);
        List<Behavior> events = new ArrayList<>();
        List<ValidationCase> validation = new ArrayList<>();
        long clock = 1_700_000_000L;
        int n = 0;
        for (int u = 0; u < users; u++) {
            UserId user = new UserId("user-" + u);
            int item = random.nextInt(WALK_ITEMS);
            int length = 8 + random.nextInt(20);
            long t = clock + random.nextInt(86_400);
            List<Behavior> history = new ArrayList<>();
            for (int s = 0; s < length; s++) {
                history.add(Behavior.of(new EventId("e" + n++), user, new ItemId("item-" + item), BehaviorType.VIEW, Instant.ofEpochSecond(t)));
                item = (item + 1) % WALK_ITEMS;
                t += 1800 + random.nextInt(3600);
            }
            events.addAll(history);
            validation.add(new ValidationCase(new ScoringContext(user, history, Instant.ofEpochSecond(t)), new ItemId("item-" + item)));
        }
        events.sort(Comparator.comparing(Behavior::occurredAt));
        return new TrainingData(catalogue, events, validation);
    }
}
