package dev.lethe.application.port.in;

import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.model.DiversityReranker;
import dev.lethe.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A request for a user's top-{@code k} items.
 *
 * @param exclude items never to return (besides those the user already consumed)
 * @param category when present, only items of this category are returned
 * @param explain whether each item carries the past interests behind it
 * @param diversity λ in [0, 1]: 0 ranks by score alone, higher values trade score for items whose
 *                  categories differ from those already listed (maximal marginal relevance)
 * @param asOf the moment to score at (empty: now); only the history up to it is seen and decayed to it,
 *             with the model in force now
 */
public record RecommendQuery(TenantId tenantId, UserId userId, int k, Set<ItemId> exclude, Optional<String> category, boolean explain,
                             double diversity, Optional<Instant> asOf) {
    public static final int MAX_K = 1000;

    /** A query ranked by score alone (diversity 0), as of now. */
    public RecommendQuery(TenantId tenantId, UserId userId, int k, Set<ItemId> exclude, Optional<String> category, boolean explain) {
        this(tenantId, userId, k, exclude, category, explain, 0);
    }

    /** A query as of now. */
    public RecommendQuery(TenantId tenantId, UserId userId, int k, Set<ItemId> exclude, Optional<String> category, boolean explain,
                          double diversity) {
        this(tenantId, userId, k, exclude, category, explain, diversity, Optional.empty());
    }

    public RecommendQuery {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(asOf, "asOf");
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be between 1 and " + MAX_K + ", got: " + k);
        }
        DiversityReranker.requireWeight("diversity", diversity);
        exclude = Set.copyOf(exclude);
    }
}
