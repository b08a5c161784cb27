package dev.lethe.application.service.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lethe.application.port.in.CreateTenantCommand;
import dev.lethe.application.port.in.CreateTenantResult;
import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.domain.tenant.Tenant;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.tenant.TenantKind;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class CreateTenantServiceTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final TenantId SHOP = new TenantId("shop");

    @Mock
    TenantRepository tenants;

    private CreateTenantService service() {
        return new CreateTenantService(tenants, new SecureRandom(), CLOCK);
    }

    @Test
    void aGeneratedKeyIsReturnedAndOnlyItsHashIsStored() {
        when(tenants.find(SHOP)).thenReturn(Optional.empty());
        when(tenants.apiKeyHashTaken(anyString())).thenReturn(false);
        when(tenants.create(any(), anyString())).thenReturn(true);

        CreateTenantResult result = service().create(new CreateTenantCommand(SHOP, "Shop", TenantKind.ECOMMERCE, Optional.empty()));

        assertThat(result).isInstanceOf(CreateTenantResult.Created.class);
        String key = ((CreateTenantResult.Created) result).apiKey();
        assertThat(key).hasSize(43).matches("[A-Za-z0-9_-]+");
        ArgumentCaptor<String> stored = ArgumentCaptor.forClass(String.class);
        verify(tenants).create(eq(new Tenant(SHOP, "Shop", TenantKind.ECOMMERCE, CLOCK.instant())), stored.capture());
        assertThat(stored.getValue()).isEqualTo(ApiKeys.hash(key)).isNotEqualTo(key).hasSize(64);
    }

    @Test
    void anExplicitKeyIsKept() {
        when(tenants.find(SHOP)).thenReturn(Optional.empty());
        when(tenants.apiKeyHashTaken(anyString())).thenReturn(false);
        when(tenants.create(any(), anyString())).thenReturn(true);
        String key = "demo-key-0123456789-xyz";

        CreateTenantResult result = service().create(new CreateTenantCommand(SHOP, "Shop", TenantKind.VIDEO, Optional.of(key)));

        assertThat(((CreateTenantResult.Created) result).apiKey()).isEqualTo(key);
        verify(tenants).create(any(), eq(ApiKeys.hash(key)));
    }

    @Test
    void anExistingTenantIsNotOverwritten() {
        when(tenants.find(SHOP)).thenReturn(Optional.of(new Tenant(SHOP, "Old", TenantKind.VIDEO, CLOCK.instant())));

        CreateTenantResult result = service().create(new CreateTenantCommand(SHOP, "Shop", TenantKind.VIDEO, Optional.empty()));

        assertThat(result).isEqualTo(new CreateTenantResult.AlreadyExists(SHOP));
        verify(tenants, never()).create(any(), anyString());
    }

    @Test
    void aKeyAlreadyInUseIsRefused() {
        when(tenants.find(SHOP)).thenReturn(Optional.empty());
        when(tenants.apiKeyHashTaken(anyString())).thenReturn(true);

        CreateTenantResult result = service().create(new CreateTenantCommand(SHOP, "Shop", TenantKind.VIDEO, Optional.of("x".repeat(30))));

        assertThat(result).isEqualTo(new CreateTenantResult.KeyInUse(SHOP));
        verify(tenants, never()).create(any(), anyString());
    }
}
