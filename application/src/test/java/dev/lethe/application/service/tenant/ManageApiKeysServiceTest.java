package dev.lethe.application.service.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lethe.application.port.in.ManageApiKeysUseCase.IssueKeyResult;
import dev.lethe.application.port.in.ManageApiKeysUseCase.RevokeKeyCommand;
import dev.lethe.application.port.in.ManageApiKeysUseCase.RevokeKeyResult;
import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.domain.tenant.ApiKey;
import dev.lethe.domain.tenant.Tenant;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.tenant.TenantKind;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class ManageApiKeysServiceTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final TenantId SHOP = new TenantId("shop");
    private static final Tenant TENANT = new Tenant(SHOP, "Shop", TenantKind.ECOMMERCE, NOW);

    @Mock
    TenantRepository tenants;

    private ManageApiKeysService service() {
        return new ManageApiKeysService(tenants, new SecureRandom(), CLOCK);
    }

    private static ApiKey active(String id) {
        return new ApiKey(id, SHOP, NOW.minusSeconds(60), Optional.empty());
    }

    @Test
    void anIssuedKeyIsRandomShownOnceAndStoredAsItsHash() {
        when(tenants.find(SHOP)).thenReturn(Optional.of(TENANT));
        ArgumentCaptor<String> hash = ArgumentCaptor.forClass(String.class);
        when(tenants.addKey(eq(SHOP), hash.capture(), eq(NOW))).thenReturn(true);
        when(tenants.keys(SHOP)).thenAnswer(inv -> hash.getAllValues().isEmpty()
                ? List.of(active("aaaaaaaaaaaa"))
                : List.of(active("aaaaaaaaaaaa"), new ApiKey(ApiKey.idOf(hash.getValue()), SHOP, NOW, Optional.empty())));

        IssueKeyResult result = service().issue(SHOP);

        assertThat(result).isInstanceOf(IssueKeyResult.Issued.class);
        IssueKeyResult.Issued issued = (IssueKeyResult.Issued) result;
        assertThat(issued.apiKey()).hasSize(43);
        assertThat(hash.getValue()).isEqualTo(ApiKeys.hash(issued.apiKey()));
        assertThat(issued.key().id()).isEqualTo(ApiKey.idOf(hash.getValue()));
        assertThat(issued.toString()).doesNotContain(issued.apiKey());
    }

    @Test
    void noKeyIsIssuedToAnUnknownTenant() {
        when(tenants.find(SHOP)).thenReturn(Optional.empty());

        assertThat(service().issue(SHOP)).isEqualTo(new IssueKeyResult.TenantNotFound(SHOP));
        verify(tenants, never()).addKey(any(), anyString(), any());
    }

    @Test
    void noKeyIsIssuedBeyondTheActiveLimit() {
        when(tenants.find(SHOP)).thenReturn(Optional.of(TENANT));
        when(tenants.keys(SHOP)).thenReturn(IntStream.range(0, 10).mapToObj(i -> active("00000000000" + i)).toList());

        assertThat(service().issue(SHOP)).isEqualTo(new IssueKeyResult.TooManyKeys(SHOP));
        verify(tenants, never()).addKey(any(), anyString(), any());
    }

    @Test
    void revokingAKeyStampsItRevokedNow() {
        when(tenants.keys(SHOP)).thenReturn(List.of(active("aaaaaaaaaaaa"), active("bbbbbbbbbbbb")));
        when(tenants.revokeKey(SHOP, "aaaaaaaaaaaa", NOW)).thenReturn(true);

        RevokeKeyResult result = service().revoke(new RevokeKeyCommand(SHOP, "aaaaaaaaaaaa", true));

        assertThat(result).isInstanceOf(RevokeKeyResult.Revoked.class);
        assertThat(((RevokeKeyResult.Revoked) result).key().revokedAt()).contains(NOW);
    }

    @Test
    void theLastActiveKeyIsKeptWhenTheCommandAsks() {
        when(tenants.keys(SHOP)).thenReturn(List.of(active("aaaaaaaaaaaa"),
                new ApiKey("bbbbbbbbbbbb", SHOP, NOW.minusSeconds(90), Optional.of(NOW.minusSeconds(30)))));

        assertThat(service().revoke(new RevokeKeyCommand(SHOP, "aaaaaaaaaaaa", true))).isEqualTo(new RevokeKeyResult.LastActiveKey("aaaaaaaaaaaa"));
        verify(tenants, never()).revokeKey(any(), anyString(), any());
    }

    @Test
    void theOperatorMayRevokeTheLastActiveKey() {
        when(tenants.keys(SHOP)).thenReturn(List.of(active("aaaaaaaaaaaa")));
        when(tenants.revokeKey(SHOP, "aaaaaaaaaaaa", NOW)).thenReturn(true);

        assertThat(service().revoke(new RevokeKeyCommand(SHOP, "aaaaaaaaaaaa", false))).isInstanceOf(RevokeKeyResult.Revoked.class);
    }

    @Test
    void anUnknownOrRevokedKeyIsNotFound() {
        when(tenants.keys(SHOP)).thenReturn(List.of(active("aaaaaaaaaaaa"),
                new ApiKey("bbbbbbbbbbbb", SHOP, NOW.minusSeconds(90), Optional.of(NOW.minusSeconds(30)))));

        assertThat(service().revoke(new RevokeKeyCommand(SHOP, "bbbbbbbbbbbb", false))).isEqualTo(new RevokeKeyResult.NotFound("bbbbbbbbbbbb"));
        assertThat(service().revoke(new RevokeKeyCommand(SHOP, "cccccccccccc", false))).isEqualTo(new RevokeKeyResult.NotFound("cccccccccccc"));
        verify(tenants, never()).revokeKey(any(), anyString(), any());
    }
}
