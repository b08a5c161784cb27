package dev.lethe.domain.synthetic;

import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.tenant.TenantKind;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parameters a synthetic tenant was generated with, written next to its data so that fitted
 * curves can be checked against the truth.
 *
 * @param halfLifeDays the tenant's half-life: the median over users of the half-life of the exponential
 *     kernel by which an engagement keeps exciting re-engagement with its category (the true forgetting curve)
 * @param branchingRatio expected number of follow-up engagements one engagement triggers (&lt; 1)
 * @param baseRatePerDay a user's rate of spontaneous engagements, per day, summed over categories
 * @param driftPerDay rate at which a user's spontaneous preferences move to another category
 * @param halfLifeSpread σ of the log half-lives across users
 * @param userHalfLifeDays each user's own half-life, in days
 */
public record GroundTruth(
        TenantKind kind,
        long seed,
        int users,
        int items,
        int categories,
        double halfLifeDays,
        double branchingRatio,
        double baseRatePerDay,
        double driftPerDay,
        double sequentialShare,
        Instant start,
        Instant end,
        int events,
        double halfLifeSpread,
        Map<UserId, Double> userHalfLifeDays) {
    public GroundTruth {
        userHalfLifeDays = Collections.unmodifiableMap(new TreeMap<>(userHalfLifeDays));
    }
}
