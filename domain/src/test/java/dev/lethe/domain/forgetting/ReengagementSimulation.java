package dev.lethe.domain.forgetting;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A known-truth behaviour log: each user engages with each of their items once at a random moment,
 * then comes back to it with hazard λ·r(Δt) of a given curve, each return renewing the interest,
 * until the observation window closes. A last "session end" behaviour on a private item marks the
 * end of every user's window, so censoring happens where the simulation stopped.
 */
final class ReengagementSimulation {
    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    private ReengagementSimulation() {}

    static List<Behavior> log(ForgettingCurve truth, double ratePerSecond, int users, int itemsPerUser, double windowSeconds, long seed) {
        return log(truth, ratePerSecond, users, itemsPerUser, windowSeconds, seed, "u");
    }

    static List<Behavior> log(ForgettingCurve truth, double ratePerSecond, int users, int itemsPerUser, double windowSeconds, long seed, String userPrefix) {
        Random random = new Random(seed);
        List<Behavior> log = new ArrayList<>();
        int event = 0;
        for (int u = 0; u < users; u++) {
            UserId user = new UserId(userPrefix + u);
            for (int i = 0; i < itemsPerUser; i++) {
                ItemId item = new ItemId("i" + (u * itemsPerUser + i));
                double t = random.nextDouble() * windowSeconds * 0.5;
                while (t < windowSeconds) {
                    log.add(Behavior.of(new EventId("e" + event++), user, item, BehaviorType.VIEW, at(t)));
                    double gap = nextReturn(truth, ratePerSecond, random.nextDouble());
                    t += gap;
                }
            }
            log.add(Behavior.of(new EventId("e" + event++), user, new ItemId("end-" + u), BehaviorType.VIEW, at(windowSeconds)));
        }
        return log;
    }

    /** Inverts the cumulative hazard λ·R(Δt) at an exponential draw; infinity when the interest dies first. */
    static double nextReturn(ForgettingCurve curve, double rate, double uniform) {
        double target = -Math.log1p(-uniform) / rate;
        double hi = 1;
        while (CurveFamily.integral(curve, hi) < target) {
            hi *= 2;
            if (hi > 1e13) {
                return Double.POSITIVE_INFINITY;
            }
        }
        double lo = 0;
        for (int k = 0; k < 50; k++) {
            double mid = 0.5 * (lo + hi);
            if (CurveFamily.integral(curve, mid) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    static Instant at(double seconds) {
        return START.plusMillis(Math.round(seconds * 1000));
    }
}
