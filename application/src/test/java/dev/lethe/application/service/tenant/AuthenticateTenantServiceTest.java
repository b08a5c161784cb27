package dev.lethe.application.service.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.domain.tenant.Tenant;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.tenant.TenantKind;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class AuthenticateTenantServiceTest {
    @Mock
    TenantRepository tenants;

    @Test
    void aKeyIsLookedUpByItsHash() {
        Tenant shop = new Tenant(new TenantId("shop"), "Shop", TenantKind.ECOMMERCE, Instant.EPOCH);
        String key = "k".repeat(43);
        when(tenants.findByApiKeyHash(ApiKeys.hash(key))).thenReturn(Optional.of(shop));

        assertThat(new AuthenticateTenantService(tenants).authenticate(key)).contains(shop);
    }

    @Test
    void aKeyOfImpossibleLengthNeverReachesTheStore() {
        assertThat(new AuthenticateTenantService(tenants).authenticate("short")).isEmpty();
        verifyNoInteractions(tenants);
    }
}
