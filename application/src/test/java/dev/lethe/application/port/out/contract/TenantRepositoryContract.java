package dev.lethe.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.application.port.out.PersistenceException;
import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.application.service.tenant.ApiKeys;
import dev.lethe.domain.tenant.ApiKey;
import dev.lethe.domain.tenant.Tenant;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.tenant.TenantKind;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link TenantRepository} must do; extend it and return your implementation to run it. */
public abstract class TenantRepositoryContract {
    private static final Instant CREATED = Instant.parse("2024-05-01T08:30:00.123456Z");

    /** The implementation under test, over one store shared by every test. */
    protected abstract TenantRepository tenants();

    private TenantRepository repository() {
        return tenants();
    }

    private static Tenant tenant(TenantId id, String name, TenantKind kind) {
        return new Tenant(id, name, kind, CREATED);
    }

    private static String hash() {
        return ApiKeys.hash(UUID.randomUUID().toString());
    }

    @Test
    void createdTenantReadsBack() {
        Tenant tenant = tenant(ContractData.freshTenant(), "Café Ünïcode 🎬", TenantKind.VIDEO);

        assertThat(repository().create(tenant, hash())).isTrue();
        assertThat(repository().find(tenant.id())).contains(tenant);
    }

    @Test
    void takenIdIsNotCreatedAgainAndKeepsTheFirstTenant() {
        TenantId id = ContractData.freshTenant();
        Tenant first = tenant(id, "first", TenantKind.ECOMMERCE);
        String secondHash = hash();
        repository().create(first, hash());

        assertThat(repository().create(tenant(id, "second", TenantKind.FINANCE), secondHash)).isFalse();
        assertThat(repository().find(id)).contains(first);
        assertThat(repository().findByApiKeyHash(secondHash)).isEmpty();
    }

    @Test
    void apiKeyHashFindsItsTenant() {
        Tenant tenant = tenant(ContractData.freshTenant(), "shop", TenantKind.ECOMMERCE);
        String hash = hash();
        repository().create(tenant, hash);
        repository().create(tenant(ContractData.freshTenant(), "other", TenantKind.VIDEO), hash());

        assertThat(repository().findByApiKeyHash(hash)).contains(tenant);
    }

    @Test
    void apiKeyHashIsCaseSensitive() {
        Tenant tenant = tenant(ContractData.freshTenant(), "shop", TenantKind.ECOMMERCE);
        String hash = hash();
        repository().create(tenant, hash);

        assertThat(repository().findByApiKeyHash(hash.toUpperCase(java.util.Locale.ROOT))).isEmpty();
    }

    @Test
    void unknownTenantAndKeyAreEmpty() {
        assertThat(repository().find(ContractData.freshTenant())).isEmpty();
        assertThat(repository().findByApiKeyHash(hash())).isEmpty();
    }

    @Test
    void keyHashOfAnotherTenantIsRefusedAndCreatesNothing() {
        String hash = hash();
        repository().create(tenant(ContractData.freshTenant(), "first", TenantKind.VIDEO), hash);
        Tenant second = tenant(ContractData.freshTenant(), "second", TenantKind.VIDEO);

        assertThatThrownBy(() -> repository().create(second, hash)).isInstanceOf(PersistenceException.class);
        assertThat(repository().find(second.id())).isEmpty();
    }

    @Test
    void listIsOrderedById() {
        String prefix = "t-" + UUID.randomUUID() + "-";
        Tenant b = tenant(new TenantId(prefix + "b"), "b", TenantKind.VIDEO);
        Tenant a = tenant(new TenantId(prefix + "a"), "a", TenantKind.FINANCE);
        Tenant c = tenant(new TenantId(prefix + "c"), "c", TenantKind.ECOMMERCE);
        for (Tenant tenant : List.of(b, a, c)) {
            repository().create(tenant, hash());
        }

        List<Tenant> listed = repository().list().stream().filter(t -> t.id().value().startsWith(prefix)).toList();

        assertThat(listed).containsExactly(a, b, c);
    }

    private static final Instant LATER = CREATED.plusSeconds(3_600);

    private Tenant created() {
        Tenant tenant = tenant(ContractData.freshTenant(), "shop", TenantKind.ECOMMERCE);
        repository().create(tenant, hash());
        return tenant;
    }

    @Test
    void aTenantMayHoldSeveralActiveKeysAndEachFindsIt() {
        Tenant tenant = created();
        String second = hash();

        assertThat(repository().addKey(tenant.id(), second, LATER)).isTrue();

        assertThat(repository().findByApiKeyHash(second)).contains(tenant);
        assertThat(repository().keys(tenant.id())).hasSize(2).allSatisfy(key -> assertThat(key.active()).isTrue());
    }

    @Test
    void keysAreListedOldestFirstWithTheirIdsNeverTheirHashes() {
        Tenant tenant = created();
        String second = hash();
        repository().addKey(tenant.id(), second, LATER);

        List<ApiKey> keys = repository().keys(tenant.id());

        assertThat(keys).extracting(ApiKey::createdAt).containsExactly(CREATED, LATER);
        assertThat(keys.get(1).id()).isEqualTo(ApiKey.idOf(second)).hasSize(ApiKey.ID_LENGTH);
    }

    @Test
    void aRevokedKeyNoLongerFindsItsTenantAndIsListedAsRevoked() {
        Tenant tenant = created();
        String second = hash();
        repository().addKey(tenant.id(), second, LATER);

        assertThat(repository().revokeKey(tenant.id(), ApiKey.idOf(second), LATER.plusSeconds(1))).isTrue();

        assertThat(repository().findByApiKeyHash(second)).isEmpty();
        assertThat(repository().keys(tenant.id())).filteredOn(key -> key.id().equals(ApiKey.idOf(second)))
                .singleElement().satisfies(key -> assertThat(key.revokedAt()).contains(LATER.plusSeconds(1)));
    }

    @Test
    void revokingAnUnknownOrAlreadyRevokedKeyChangesNothing() {
        Tenant tenant = created();
        String second = hash();
        repository().addKey(tenant.id(), second, LATER);
        repository().revokeKey(tenant.id(), ApiKey.idOf(second), LATER);

        assertThat(repository().revokeKey(tenant.id(), ApiKey.idOf(second), LATER.plusSeconds(9))).isFalse();
        assertThat(repository().revokeKey(tenant.id(), ApiKey.idOf(hash()), LATER)).isFalse();
        assertThat(repository().keys(tenant.id()).get(1).revokedAt()).contains(LATER);
    }

    @Test
    void aTenantCannotRevokeAnotherTenantsKey() {
        Tenant mine = created();
        Tenant theirs = tenant(ContractData.freshTenant(), "other", TenantKind.VIDEO);
        String theirKey = hash();
        repository().create(theirs, theirKey);

        assertThat(repository().revokeKey(mine.id(), ApiKey.idOf(theirKey), LATER)).isFalse();
        assertThat(repository().findByApiKeyHash(theirKey)).contains(theirs);
    }

    @Test
    void aKeyHashAlreadyInUseIsNotAddedAgain() {
        String hash = hash();
        Tenant first = tenant(ContractData.freshTenant(), "first", TenantKind.VIDEO);
        repository().create(first, hash);
        Tenant second = created();

        assertThat(repository().addKey(second.id(), hash, LATER)).isFalse();
        assertThat(repository().findByApiKeyHash(hash)).contains(first);
        assertThat(repository().keys(second.id())).hasSize(1);
    }

    @Test
    void aRevokedKeyStaysTakenSoItIsNeverGivenOutAgain() {
        Tenant tenant = created();
        String second = hash();
        repository().addKey(tenant.id(), second, LATER);
        repository().revokeKey(tenant.id(), ApiKey.idOf(second), LATER);

        assertThat(repository().apiKeyHashTaken(second)).isTrue();
        assertThat(repository().apiKeyHashTaken(hash())).isFalse();
    }

    @Test
    void deletingATenantErasesItAndItsKeys() {
        Tenant tenant = created();
        String second = hash();
        repository().addKey(tenant.id(), second, LATER);

        assertThat(repository().delete(tenant.id())).isTrue();

        assertThat(repository().find(tenant.id())).isEmpty();
        assertThat(repository().findByApiKeyHash(second)).isEmpty();
        assertThat(repository().keys(tenant.id())).isEmpty();
        assertThat(repository().delete(tenant.id())).isFalse();
    }

    @Test
    void blankKeyHashIsRejectedNamingTheField() {
        assertThatThrownBy(() -> repository().findByApiKeyHash(" ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apiKeyHash");
    }
}
