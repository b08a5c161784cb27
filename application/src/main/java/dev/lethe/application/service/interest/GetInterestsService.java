package dev.lethe.application.service.interest;

import dev.lethe.application.port.in.GetInterestsUseCase;
import dev.lethe.application.port.in.Interests;
import dev.lethe.application.port.in.InterestsQuery;
import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.ItemRepository;
import dev.lethe.application.service.serving.ServingModels;
import dev.lethe.application.service.serving.ServingModels.CurveInForce;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.ItemId;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Builds the user's interest profile from their recent history with the curve in force for that user, as of now. */
public final class GetInterestsService implements GetInterestsUseCase {
    /** How much history the profile covers; the same window the models see. */
    public static final int HISTORY_LENGTH = 1000;

    private final BehaviorRepository behaviors;
    private final ItemRepository items;
    private final ServingModels models;
    private final Clock clock;

    public GetInterestsService(BehaviorRepository behaviors, ItemRepository items, ServingModels models, Clock clock) {
        this.behaviors = behaviors;
        this.items = items;
        this.models = models;
        this.clock = clock;
    }

    @Override
    public Interests interests(InterestsQuery query) {
        Instant asOf = clock.instant();
        List<Behavior> history = behaviors.recentForUser(query.tenantId(), query.userId(), HISTORY_LENGTH);
        Set<ItemId> ids = new LinkedHashSet<>();
        history.forEach(b -> ids.add(b.itemId()));
        CurveInForce curve = models.curveFor(query.tenantId(), query.userId());
        DecayedInterests tally = DecayedInterests.of(query.userId(), history, items.findAll(query.tenantId(), ids), curve.curve(),
                models.weightsFor(query.tenantId()), asOf);
        return new Interests(query.userId(), asOf, curve.curve(), curve.scope(), tally.categories(), tally.items());
    }
}
