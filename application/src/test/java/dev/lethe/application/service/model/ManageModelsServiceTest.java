package dev.lethe.application.service.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lethe.application.port.in.ManageModelsUseCase.UnservableVersionException;
import dev.lethe.application.port.out.ModelRegistry;
import dev.lethe.domain.registry.ModelVersion;
import dev.lethe.domain.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class ManageModelsServiceTest {
    private static final TenantId TENANT = new TenantId("shop");
    @Mock
    ModelRegistry registry;
    private final List<TenantId> invalidated = new ArrayList<>();

    @Test
    void activatingAnOlderVersionRollsBackAndRefreshesServing() {
        ModelVersion v1 = new ModelVersion(TENANT, 1, "decayed-pop", "java", Map.of(), "/a", true, Instant.EPOCH);
        when(registry.activate(TENANT, 1)).thenReturn(true);
        when(registry.find(TENANT, 1)).thenReturn(Optional.of(v1));

        assertThat(new ManageModelsService(registry, invalidated::add).activate(TENANT, 1)).contains(v1);
        assertThat(invalidated).containsExactly(TENANT);
    }

    @Test
    void activatingAnUnknownVersionChangesNothing() {
        when(registry.find(TENANT, 9)).thenReturn(Optional.empty());

        assertThat(new ManageModelsService(registry, invalidated::add).activate(TENANT, 9)).isEmpty();
        assertThat(invalidated).isEmpty();
        verify(registry, never()).activate(TENANT, 9);
    }

    @Test
    void aVersionThisProcessCannotServeIsRefusedWithTheReasonAndNothingChanges() {
        ModelVersion lstm = new ModelVersion(TENANT, 2, "lstm", "mxnet", Map.of(), "/b", false, Instant.EPOCH);
        when(registry.find(TENANT, 2)).thenReturn(Optional.of(lstm));
        ManageModelsService service = new ManageModelsService(registry, invalidated::add,
                v -> v.engine().equals("knn") ? Optional.empty() : Optional.of("trained by the " + v.engine() + " engine"));

        assertThatThrownBy(() -> service.activate(TENANT, 2))
                .isInstanceOfSatisfying(UnservableVersionException.class, e -> assertThat(e.version()).isEqualTo(2))
                .hasMessage("trained by the mxnet engine");
        verify(registry, never()).activate(TENANT, 2);
        assertThat(invalidated).isEmpty();
    }
}
