package dev.lethe.application.service.model;

import dev.lethe.application.port.in.ManageModelsUseCase;
import dev.lethe.application.port.out.ModelRegistry;
import dev.lethe.domain.registry.ModelVersion;
import dev.lethe.domain.tenant.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads the registry and switches the active version, telling the serving cache to pick it up. */
public final class ManageModelsService implements ManageModelsUseCase {
    private final ModelRegistry registry;
    private final Consumer<TenantId> onActivated;

    public ManageModelsService(ModelRegistry registry, Consumer<TenantId> onActivated) {
        this.registry = registry;
        this.onActivated = onActivated;
    }

    @Override
    public List<ModelVersion> list(TenantId tenantId) {
        return registry.list(tenantId);
    }

    @Override
    public Optional<ModelVersion> active(TenantId tenantId) {
        return registry.active(tenantId);
    }

    @Override
    public Optional<ModelVersion> activate(TenantId tenantId, int version) {
        if (!registry.activate(tenantId, version)) {
            return Optional.empty();
        }
        onActivated.accept(tenantId);
        return registry.find(tenantId, version);
    }
}
