package dev.lethe.application.service.ingest;

import dev.lethe.application.port.in.IngestBehaviorsCommand;
import dev.lethe.application.port.in.IngestBehaviorsUseCase;
import dev.lethe.application.port.in.IngestionOutcome;
import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.BehaviorRepository.AppendOutcome;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorPolicy;
import dev.lethe.domain.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Validates each behaviour against the clock-dependent rules, then appends the valid ones in one call. */
public final class IngestBehaviorsService implements IngestBehaviorsUseCase {
    private final BehaviorRepository behaviors;
    private final Clock clock;
    private final Consumer<TenantId> onStored;

    /**
     * @param onStored told after a batch stored at least one new behaviour (caches of derived data listen)
     */
    public IngestBehaviorsService(BehaviorRepository behaviors, Clock clock, Consumer<TenantId> onStored) {
        this.behaviors = behaviors;
        this.clock = clock;
        this.onStored = onStored;
    }

    @Override
    public List<IngestionOutcome> ingest(IngestBehaviorsCommand command) {
        Instant now = clock.instant();
        IngestionOutcome[] outcomes = new IngestionOutcome[command.behaviors().size()];
        List<Behavior> valid = new ArrayList<>();
        List<Integer> validPositions = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            Behavior b = command.behaviors().get(i);
            Optional<BehaviorPolicy.Rejection> rejection = BehaviorPolicy.check(b, now);
            if (rejection.isPresent()) {
                BehaviorPolicy.Rejection r = rejection.get();
                outcomes[i] = new IngestionOutcome.Rejected(b.eventId(), r.field(), r.code(), r.detail());
            } else {
                valid.add(b);
                validPositions.add(i);
            }
        }
        boolean storedAny = false;
        if (!valid.isEmpty()) {
            List<AppendOutcome> appended = behaviors.append(command.tenantId(), valid);
            for (int j = 0; j < appended.size(); j++) {
                Behavior b = valid.get(j);
                boolean stored = appended.get(j) == AppendOutcome.STORED;
                storedAny |= stored;
                outcomes[validPositions.get(j)] = stored
                        ? new IngestionOutcome.Accepted(b.eventId())
                        : new IngestionOutcome.Duplicate(b.eventId());
            }
        }
        if (storedAny) {
            onStored.accept(command.tenantId());
        }
        return Arrays.asList(outcomes);
    }
}
