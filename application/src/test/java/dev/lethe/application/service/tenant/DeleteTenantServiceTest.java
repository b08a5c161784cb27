package dev.lethe.application.service.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.domain.tenant.TenantId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class DeleteTenantServiceTest {
    private static final TenantId SHOP = new TenantId("shop");

    @Mock
    TenantRepository tenants;
    @TempDir
    Path artifacts;

    private final List<TenantId> deleted = new ArrayList<>();

    private DeleteTenantService service() {
        return new DeleteTenantService(tenants, artifacts, deleted::add);
    }

    @Test
    void deletingATenantErasesItsRowsAndItsArtifactsButNoOtherTenants() throws Exception {
        Files.createDirectories(artifacts.resolve("shop/v1"));
        Files.writeString(artifacts.resolve("shop/v1/model.properties"), "family=profile");
        Files.createDirectories(artifacts.resolve("shop-2/v1"));
        when(tenants.delete(SHOP)).thenReturn(true);

        assertThat(service().delete(SHOP)).isTrue();

        assertThat(artifacts.resolve("shop")).doesNotExist();
        assertThat(artifacts.resolve("shop-2/v1")).isDirectory();
        assertThat(deleted).containsExactly(SHOP);
    }

    @Test
    void repeatingADeletionOfAGoneTenantStillClearsLeftoverArtifacts() throws Exception {
        Files.createDirectories(artifacts.resolve("shop/v3"));
        when(tenants.delete(SHOP)).thenReturn(false);

        assertThat(service().delete(SHOP)).isFalse();

        assertThat(artifacts.resolve("shop")).doesNotExist();
    }
}
