package dev.lethe.domain.synthetic;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.tenant.TenantKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Generates tenants whose users' interests drift and fade with a known half-life.
 *
 * <p>Each user is a multivariate Hawkes process over categories: engagements with a category arrive
 * at rate μ·p_c(t) + α·Σ 2^(−(t−t_e)/h) over the user's past engagements e with that category. The
 * second term is exactly a decayed interest profile, so the true forgetting curve is exponential with
 * half-life h. Users differ in how fast they forget: user u's half-life is h_u = h·exp(σ·z_u) with
 * z_u standard normal (log-normal around the tenant's h, σ = {@link #HALF_LIFE_SPREAD}), and
 * α_u = n·ln 2 / h_u keeps every user's branching ratio n (the behaviours one behaviour triggers) the
 * same. The spontaneous preferences p_c drift: from time to time one preferred category is
 * swapped for another. Within a category the item is, with probability {@code sequentialShare}, the
 * successor of the user's last item there (series, collections), else drawn by Zipf popularity.
 * Deterministic for a seed.
 */
public final class SyntheticGenerator {
    private static final double LN2 = Math.log(2);
    private static final long DAY_MS = 86_400_000L;
    /** σ of log h_u across users: the middle 95% of users have half-lives between 0.56 and 1.8 times the median. */
    public static final double HALF_LIFE_SPREAD = 0.3;

    private final TenantKind kind;
    private final int users;
    private final long seed;
    private final Instant end;
    private final Duration span;
    private final double halfLifeSpread;

    /**
     * @param end the moment the generated history ends (events lie in [end − span, end])
     */
    public SyntheticGenerator(TenantKind kind, int users, long seed, Instant end, Duration span) {
        this(kind, users, seed, end, span, HALF_LIFE_SPREAD);
    }

    private SyntheticGenerator(TenantKind kind, int users, long seed, Instant end, Duration span, double halfLifeSpread) {
        if (users < 1 || users > 1_000_000) {
            throw new IllegalArgumentException("users must be between 1 and 1000000, got: " + users);
        }
        if (span.isNegative() || span.isZero()) {
            throw new IllegalArgumentException("span must be positive, got: " + span);
        }
        this.kind = kind;
        this.users = users;
        this.seed = seed;
        this.end = end;
        this.span = span;
        if (!(halfLifeSpread >= 0 && halfLifeSpread <= 3)) {
            throw new IllegalArgumentException("halfLifeSpread must be in [0, 3], got: " + halfLifeSpread);
        }
        this.halfLifeSpread = halfLifeSpread;
    }

    /** The same generator with σ of log h_u across users set to {@code halfLifeSpread} (0: every user forgets alike). */
    public SyntheticGenerator withHalfLifeSpread(double halfLifeSpread) {
        return new SyntheticGenerator(kind, users, seed, end, span, halfLifeSpread);
    }

    /** The true half-life, in days, of each tenant kind's interests. */
    public static double trueHalfLifeDays(TenantKind kind) {
        return switch (kind) {
            case ECOMMERCE -> 10;
            case VIDEO -> 21;
            case FINANCE -> 60;
        };
    }

    private static List<String> categoryNames(TenantKind kind) {
        return switch (kind) {
            case ECOMMERCE -> List.of("electronics", "fashion", "home", "sports", "beauty", "toys", "books", "garden", "grocery", "pets");
            case VIDEO -> List.of("drama", "comedy", "documentary", "thriller", "animation", "sci-fi", "romance", "kids", "sports", "news");
            case FINANCE -> List.of("equities", "bonds", "etf", "crypto", "fx", "funds", "commodities", "savings");
        };
    }

    /** Generates the tenant. */
    public SyntheticTenant generate() {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> categories = categoryNames(kind);
        int perCategory = switch (kind) {
            case ECOMMERCE -> 60;
            case VIDEO -> 40;
            case FINANCE -> 25;
        };
        List<Item> items = new ArrayList<>();
        List<List<ItemId>> byCategory = new ArrayList<>();
        for (int c = 0; c < categories.size(); c++) {
            List<ItemId> ids = new ArrayList<>();
            for (int j = 0; j < perCategory; j++) {
                ItemId id = new ItemId(String.format("%s-%s-%03d", prefix(), categories.get(c), j));
                ids.add(id);
                items.add(new Item(id, Set.of(categories.get(c)), Map.of("rank", Integer.toString(j))));
            }
            byCategory.add(ids);
        }
        double halfLifeDays = trueHalfLifeDays(kind);
        double branching = 0.6;
        double baseRatePerDay = 0.5;
        double driftPerDay = 1.0 / 45;
        double sequentialShare = kind == TenantKind.VIDEO ? 0.6 : 0.35;

        long startMs = end.toEpochMilli() - span.toMillis();
        List<Behavior> behaviors = new ArrayList<>();
        long[] eventCounter = {0};
        Map<UserId, Double> userHalfLives = new TreeMap<>();
        for (int u = 0; u < users; u++) {
            UserId user = new UserId(String.format("u%05d", u));
            SplittableRandom userRandom = random.split();
            double userHalfLife = halfLifeDays * Math.exp(halfLifeSpread * gaussian(userRandom));
            userHalfLives.put(user, userHalfLife);
            double alphaPerDay = branching * LN2 / userHalfLife; // ∫ α·2^(−t/h) dt = α·h/ln2 = branching
            simulateUser(userRandom, user, byCategory, userHalfLife, alphaPerDay, baseRatePerDay, driftPerDay,
                    sequentialShare, startMs, behaviors, eventCounter);
        }
        behaviors.sort(Comparator.comparing(Behavior::occurredAt).thenComparing(b -> b.eventId().value()));
        GroundTruth truth = new GroundTruth(kind, seed, users, items.size(), categories.size(), halfLifeDays, branching,
                baseRatePerDay, driftPerDay, sequentialShare, Instant.ofEpochMilli(startMs), end, behaviors.size(),
                halfLifeSpread, userHalfLives);
        return new SyntheticTenant(items, behaviors, truth);
    }

    private String prefix() {
        return switch (kind) {
            case ECOMMERCE -> "sku";
            case VIDEO -> "vid";
            case FINANCE -> "ins";
        };
    }

    private void simulateUser(SplittableRandom random, UserId user, List<List<ItemId>> byCategory, double halfLifeDays,
            double alphaPerDay, double baseRatePerDay, double driftPerDay, double sequentialShare, long startMs,
            List<Behavior> out, long[] eventCounter) {
        int categories = byCategory.size();
        // Spontaneous preferences: a few favourite categories with most of the mass.
        double[] preference = new double[categories];
        for (int k = 0; k < 3; k++) {
            preference[random.nextInt(categories)] += 1.0;
        }
        for (int c = 0; c < categories; c++) {
            preference[c] += 0.05;
        }
        normalize(preference);
        double activity = 0.5 + random.nextDouble() * 1.5; // users differ in how active they are
        double mu = baseRatePerDay * activity;
        double[] excitation = new double[categories]; // Σ 2^(−(t−t_e)/h), as of time t
        int[] lastItem = new int[categories];
        java.util.Arrays.fill(lastItem, -1);
        double decayPerDay = LN2 / halfLifeDays;
        double horizonDays = span.toMillis() / (double) DAY_MS;
        double nextDrift = exponential(random, driftPerDay);

        double t = 0;
        while (true) {
            double total = mu;
            for (double e : excitation) {
                total += alphaPerDay * e;
            }
            // Intensity only decays between events, so the current one bounds it (Ogata thinning).
            double dt = exponential(random, total);
            double next = t + dt;
            if (next > horizonDays) {
                break;
            }
            while (nextDrift < next) {
                int from = argmax(preference);
                int to = random.nextInt(categories);
                double moved = preference[from] * 0.8;
                preference[from] -= moved;
                preference[to] += moved;
                nextDrift += exponential(random, driftPerDay);
            }
            double factor = Math.exp(-decayPerDay * dt);
            double candidate = mu;
            for (int c = 0; c < categories; c++) {
                excitation[c] *= factor;
                candidate += alphaPerDay * excitation[c];
            }
            t = next;
            if (random.nextDouble() * total > candidate) {
                continue; // thinned: no event, intensity has decayed
            }
            double pick = random.nextDouble() * candidate;
            int category = categories - 1;
            for (int c = 0; c < categories; c++) {
                pick -= mu * preference[c] + alphaPerDay * excitation[c];
                if (pick <= 0) {
                    category = c;
                    break;
                }
            }
            excitation[category] += 1.0;
            List<ItemId> pool = byCategory.get(category);
            int item;
            if (lastItem[category] >= 0 && random.nextDouble() < sequentialShare) {
                item = (lastItem[category] + 1) % pool.size();
            } else {
                item = zipf(random, pool.size());
            }
            lastItem[category] = item;
            long at = startMs + (long) (t * DAY_MS);
            out.add(behavior(random, user, pool.get(item), Instant.ofEpochMilli(at), ++eventCounter[0]));
        }
    }

    private Behavior behavior(SplittableRandom random, UserId user, ItemId item, Instant at, long n) {
        EventId id = new EventId(String.format("e%09d", n));
        double r = random.nextDouble();
        return switch (kind) {
            case ECOMMERCE -> {
                BehaviorType type = r < 0.65 ? BehaviorType.VIEW : r < 0.87 ? BehaviorType.CLICK : r < 0.96 ? BehaviorType.ADD_TO_CART : BehaviorType.PURCHASE;
                yield new Behavior(id, user, item, type, at, OptionalDouble.empty(),
                        type == BehaviorType.VIEW ? Optional.of(Duration.ofSeconds(5 + random.nextInt(120))) : Optional.empty());
            }
            case VIDEO -> {
                BehaviorType type = r < 0.3 ? BehaviorType.VIEW : r < 0.95 ? BehaviorType.WATCH : BehaviorType.LIKE;
                OptionalDouble fraction = type == BehaviorType.WATCH
                        ? OptionalDouble.of(Math.round((0.2 + 0.8 * random.nextDouble()) * 100) / 100.0)
                        : OptionalDouble.empty();
                yield new Behavior(id, user, item, type, at, fraction, Optional.empty());
            }
            case FINANCE -> {
                BehaviorType type = r < 0.6 ? BehaviorType.VIEW : r < 0.9 ? BehaviorType.CLICK : BehaviorType.PURCHASE;
                OptionalDouble amount = type == BehaviorType.PURCHASE
                        ? OptionalDouble.of(Math.round(100 + random.nextDouble() * 9_900))
                        : OptionalDouble.empty();
                yield new Behavior(id, user, item, type, at, amount, Optional.empty());
            }
        };
    }

    /** A standard normal draw (Box–Muller). */
    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static double exponential(SplittableRandom random, double rate) {
        return -Math.log(1 - random.nextDouble()) / rate;
    }

    /** Zipf(1) over ranks 0..n-1 by inversion of the harmonic CDF. */
    private static int zipf(SplittableRandom random, int n) {
        double h = 0;
        for (int i = 1; i <= n; i++) {
            h += 1.0 / i;
        }
        double u = random.nextDouble() * h;
        for (int i = 1; i <= n; i++) {
            u -= 1.0 / i;
            if (u <= 0) {
                return i - 1;
            }
        }
        return n - 1;
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static void normalize(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= sum;
        }
    }
}
