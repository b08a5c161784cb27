package dev.lethe.application.service.erase;

import dev.lethe.application.port.in.EraseUserCommand;
import dev.lethe.application.port.in.EraseUserUseCase;
import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.domain.tenant.TenantId;
import java.util.function.Consumer;

/**
 * Deletes the user's behaviours (the source of truth) and drops the tenant's derived serving state, so
 * no answer after the erasure is computed from the erased events. Profiles and explanations are derived
 * from the log on demand and hold nothing to delete.
 */
public final class EraseUserService implements EraseUserUseCase {
    private final BehaviorRepository behaviors;
    private final Consumer<TenantId> onErased;

    public EraseUserService(BehaviorRepository behaviors, Consumer<TenantId> onErased) {
        this.behaviors = behaviors;
        this.onErased = onErased;
    }

    @Override
    public int erase(EraseUserCommand command) {
        int erased = behaviors.eraseUser(command.tenantId(), command.userId());
        if (erased > 0) {
            onErased.accept(command.tenantId());
        }
        return erased;
    }
}
