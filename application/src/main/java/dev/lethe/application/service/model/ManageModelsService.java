package dev.lethe.application.service.model;

import dev.lethe.application.port.in.ManageModelsUseCase;
import dev.lethe.application.port.out.ModelRegistry;
import dev.lethe.domain.registry.ModelVersion;
import dev.lethe.domain.tenant.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads the registry and switches the active version, telling the serving cache to pick it up; a version
 * this process cannot serve (see {@code ServingModels#whyNotServable}) is refused before anything changes.
 */
public final class ManageModelsService implements ManageModelsUseCase {
    private final ModelRegistry registry;
    private final Consumer<TenantId> onActivated;
    private final Function<ModelVersion, Optional<String>> whyNotServable;

    /** Activates any registered version. */
    public ManageModelsService(ModelRegistry registry, Consumer<TenantId> onActivated) {
        this(registry, onActivated, version -> Optional.empty());
    }

    /** @param whyNotServable the reason a version cannot be served by this process; empty when it can */
    public ManageModelsService(ModelRegistry registry, Consumer<TenantId> onActivated, Function<ModelVersion, Optional<String>> whyNotServable) {
        this.registry = registry;
        this.onActivated = onActivated;
        this.whyNotServable = whyNotServable;
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
        Optional<ModelVersion> found = registry.find(tenantId, version);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> refusal = whyNotServable.apply(found.get());
        if (refusal.isPresent()) {
            throw new UnservableVersionException(version, refusal.get());
        }
        if (!registry.activate(tenantId, version)) {
            return Optional.empty();
        }
        onActivated.accept(tenantId);
        return registry.find(tenantId, version);
    }
}
