package dev.lethe.adapter.http;

import dev.lethe.application.port.in.BrowseUsersUseCase;
import dev.lethe.application.port.in.EraseUserCommand;
import dev.lethe.application.port.in.EraseUserUseCase;
import dev.lethe.application.port.in.GetInterestsUseCase;
import dev.lethe.application.port.in.Interests;
import dev.lethe.application.port.in.InterestsQuery;
import dev.lethe.application.port.in.RecommendQuery;
import dev.lethe.application.port.in.RecommendUseCase;
import dev.lethe.application.port.in.Recommendations;
import dev.lethe.application.port.in.TimelineQuery;
import dev.lethe.application.port.in.UserTimeline;
import dev.lethe.domain.Texts;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.model.Contribution;
import dev.lethe.domain.tenant.Tenant;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Finding users, and a user's recommendations, timeline, interest profile and erasure, always within the caller's tenant. */
final class UsersHandler {
    static final int DEFAULT_K = 10;
    static final int MAX_EXCLUDE = 1000;

    static final int DEFAULT_USERS = 20;
    /** As long as a user id may be. */
    static final int MAX_PREFIX = 128;
    static final int DEFAULT_TIMELINE = 200;
    static final int DEFAULT_TRACED = 6;

    private final RecommendUseCase recommend;
    private final GetInterestsUseCase interests;
    private final EraseUserUseCase erase;
    private final BrowseUsersUseCase browse;
    private final Blocking blocking;

    UsersHandler(RecommendUseCase recommend, GetInterestsUseCase interests, EraseUserUseCase erase, BrowseUsersUseCase browse, Blocking blocking) {
        this.recommend = recommend;
        this.interests = interests;
        this.erase = erase;
        this.browse = browse;
        this.blocking = blocking;
    }

    record ReasonResponse(String kind, String key, double originalStrength, double currentStrength, Instant lastSeen) {}

    /** One part of an item's score (see the Contribution schema in docs/openapi.yaml); absent fields do not apply to its kind. */
    record ContributionResponse(String kind, String key, double value, double share, Double originalStrength, Double currentStrength,
                                Instant lastSeen) {
        static ContributionResponse of(Contribution c, Recommendations.Item item) {
            double above = item.score() - item.baseline();
            Optional<Contribution.Source> s = c.interest();
            return new ContributionResponse(c.kind().wireName(), c.key().orElse(null), c.value(), above == 0 ? 0 : c.value() / above,
                    s.map(Contribution.Source::originalStrength).orElse(null), s.map(Contribution.Source::currentStrength).orElse(null),
                    s.map(Contribution.Source::lastSeen).orElse(null));
        }
    }

    record ItemResponse(String itemId, double score, List<ReasonResponse> because, Double baseline, List<ContributionResponse> contributions) {}

    record RecommendationsResponse(String userId, Instant asOf, String model, boolean coldStart, List<ItemResponse> items) {}

    record StrengthResponse(String key, double originalStrength, double currentStrength, Instant lastSeen, int events) {}

    record InterestsResponse(String userId, Instant asOf, CurveResponse curve, List<StrengthResponse> categories, List<StrengthResponse> items) {}

    record ErasureResponse(String userId, int erasedEvents) {}

    record UsersResponse(String prefix, List<String> users) {}

    record TimelineBehaviourResponse(String eventId, String itemId, String type, Instant timestamp, Double value, double weight,
                                     List<String> categories) {}

    record TraceResponse(String category, double currentStrength, List<Double> strengths) {}

    record TimelineResponse(String userId, Instant asOf, CurveResponse curve, List<TimelineBehaviourResponse> behaviours, List<Instant> moments,
                            List<TraceResponse> interests) {}

    void find(RoutingContext ctx) {
        Tenant tenant = ApiKeyAuthHandler.tenant(ctx);
        String prefix = Params.single(ctx, "prefix").orElse("");
        if (prefix.length() > MAX_PREFIX) {
            throw Problem.badRequest("prefix", "out_of_range", "prefix must be at most " + MAX_PREFIX + " characters");
        }
        int limit = Params.integer(ctx, "limit", DEFAULT_USERS, 1, BrowseUsersUseCase.MAX_USERS);
        blocking.run(ctx, () -> browse.find(tenant.id(), prefix, limit),
                (c, found) -> Blocking.json(c, 200, new UsersResponse(prefix, found.stream().map(UserId::value).toList())));
    }

    void timeline(RoutingContext ctx) {
        Tenant tenant = ApiKeyAuthHandler.tenant(ctx);
        UserId user = Params.userId(ctx.pathParam("userId"));
        Optional<Instant> asOf = Params.instant(ctx, "asOf");
        int limit = Params.integer(ctx, "limit", DEFAULT_TIMELINE, 1, TimelineQuery.MAX_BEHAVIOURS);
        int traced = Params.integer(ctx, "interests", DEFAULT_TRACED, 0, TimelineQuery.MAX_INTERESTS);
        TimelineQuery query = new TimelineQuery(tenant.id(), user, asOf, limit, traced);
        blocking.run(ctx, () -> browse.timeline(query), (c, timeline) -> Blocking.json(c, 200, timeline(timeline)));
    }

    private static TimelineResponse timeline(UserTimeline t) {
        List<TimelineBehaviourResponse> behaviours = t.behaviours().stream().map(e -> {
            Behavior b = e.behaviour();
            return new TimelineBehaviourResponse(b.eventId().value(), b.itemId().value(), b.type().wireName(), b.occurredAt(),
                    b.value().isPresent() ? b.value().getAsDouble() : null, e.weight(), e.categories().stream().sorted().toList());
        }).toList();
        List<TraceResponse> traces = t.interests().stream().map(i -> new TraceResponse(i.category(), i.currentStrength(), i.strengths())).toList();
        return new TimelineResponse(t.userId().value(), t.asOf(), CurveResponse.of(t.curve(), t.curveScope()), behaviours, t.moments(), traces);
    }

    void recommendations(RoutingContext ctx) {
        Tenant tenant = ApiKeyAuthHandler.tenant(ctx);
        UserId user = Params.userId(ctx.pathParam("userId"));
        int k = Params.integer(ctx, "k", DEFAULT_K, 1, RecommendQuery.MAX_K);
        Set<ItemId> exclude = exclusions(Params.single(ctx, "exclude"));
        Optional<String> category = Params.single(ctx, "category");
        category.ifPresent(c -> JsonFields.convert("category", "invalid_value", c, v -> Texts.requireNonBlank("category", v, Item.MAX_NAME_LENGTH)));
        boolean explain = Params.bool(ctx, "explain");
        double diversity = Params.decimal(ctx, "diversity", 0, 0, 1);
        Optional<Instant> asOf = Params.instant(ctx, "asOf");
        RecommendQuery query = new RecommendQuery(tenant.id(), user, k, exclude, category, explain, diversity, asOf);
        blocking.run(ctx, () -> recommend.recommend(query), (c, answer) -> Blocking.json(c, 200, response(answer, explain)));
    }

    void interests(RoutingContext ctx) {
        Tenant tenant = ApiKeyAuthHandler.tenant(ctx);
        UserId user = Params.userId(ctx.pathParam("userId"));
        blocking.run(ctx, () -> interests.interests(new InterestsQuery(tenant.id(), user)), (c, profile) -> Blocking.json(c, 200,
                new InterestsResponse(profile.userId().value(), profile.asOf(), CurveResponse.of(profile.curve(), profile.curveScope()),
                        strengths(profile.categories()), strengths(profile.items()))));
    }

    void erase(RoutingContext ctx) {
        Tenant tenant = ApiKeyAuthHandler.tenant(ctx);
        UserId user = Params.userId(ctx.pathParam("userId"));
        blocking.run(ctx, () -> erase.erase(new EraseUserCommand(tenant.id(), user)),
                (c, erased) -> Blocking.json(c, 200, new ErasureResponse(user.value(), erased)));
    }

    private static Set<ItemId> exclusions(Optional<String> raw) {
        Set<ItemId> ids = new LinkedHashSet<>();
        if (raw.isEmpty() || raw.get().isEmpty()) {
            return ids;
        }
        String[] parts = raw.get().split(",", -1);
        if (parts.length > MAX_EXCLUDE) {
            throw Problem.badRequest("exclude", "out_of_range", "exclude may list at most " + MAX_EXCLUDE + " items");
        }
        for (String part : parts) {
            ids.add(JsonFields.convert("exclude", "invalid_id", part.trim(), ItemId::new));
        }
        return ids;
    }

    private static RecommendationsResponse response(Recommendations answer, boolean explain) {
        List<ItemResponse> items = answer.items().stream()
                .map(i -> explain
                        ? new ItemResponse(i.itemId().value(), i.score(), i.because().stream()
                                .map(r -> new ReasonResponse(r.kind(), r.key(), r.originalStrength(), r.currentStrength(), r.lastSeen()))
                                .toList(), i.baseline(), i.contributions().stream().map(c -> ContributionResponse.of(c, i)).toList())
                        : new ItemResponse(i.itemId().value(), i.score(), null, null, null))
                .toList();
        return new RecommendationsResponse(answer.userId().value(), answer.asOf(), answer.model(), answer.coldStart(), items);
    }

    private static List<StrengthResponse> strengths(List<Interests.Strength> strengths) {
        return strengths.stream()
                .map(s -> new StrengthResponse(s.key(), s.originalStrength(), s.currentStrength(), s.lastSeen(), s.events()))
                .toList();
    }
}
