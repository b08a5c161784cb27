package dev.lethe.application.service.tenant;

import dev.lethe.application.port.in.ManageApiKeysUseCase;
import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.domain.tenant.ApiKey;
import dev.lethe.domain.tenant.TenantId;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Issues random keys (storing only their hash) and revokes keys by id. */
public final class ManageApiKeysService implements ManageApiKeysUseCase {
    /** A fresh random key colliding with a stored one is astronomically unlikely; a few tries make it certain. */
    private static final int ISSUE_TRIES = 3;

    private final TenantRepository tenants;
    private final SecureRandom random;
    private final Clock clock;

    public ManageApiKeysService(TenantRepository tenants, SecureRandom random, Clock clock) {
        this.tenants = tenants;
        this.random = random;
        this.clock = clock;
    }

    @Override
    public IssueKeyResult issue(TenantId tenantId) {
        if (tenants.find(tenantId).isEmpty()) {
            return new IssueKeyResult.TenantNotFound(tenantId);
        }
        if (tenants.keys(tenantId).stream().filter(ApiKey::active).count() >= MAX_ACTIVE_KEYS) {
            return new IssueKeyResult.TooManyKeys(tenantId);
        }
        for (int attempt = 1; ; attempt++) {
            String key = ApiKeys.generate(random);
            String hash = ApiKeys.hash(key);
            if (tenants.addKey(tenantId, hash, clock.instant())) {
                ApiKey issued = tenants.keys(tenantId).stream().filter(k -> k.id().equals(ApiKey.idOf(hash))).findFirst()
                        .orElseThrow(() -> new IllegalStateException("the key just added to tenant " + tenantId + " is not listed"));
                return new IssueKeyResult.Issued(issued, key);
            }
            if (attempt >= ISSUE_TRIES) {
                throw new IllegalStateException("could not store a fresh API key for tenant " + tenantId + " in " + ISSUE_TRIES + " tries");
            }
        }
    }

    @Override
    public Optional<List<ApiKey>> list(TenantId tenantId) {
        if (tenants.find(tenantId).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(tenants.keys(tenantId));
    }

    @Override
    public RevokeKeyResult revoke(RevokeKeyCommand command) {
        List<ApiKey> keys = tenants.keys(command.tenantId());
        Optional<ApiKey> key = keys.stream().filter(k -> k.id().equals(command.keyId()) && k.active()).findFirst();
        if (key.isEmpty()) {
            return new RevokeKeyResult.NotFound(command.keyId());
        }
        if (command.keepOneActive() && keys.stream().filter(ApiKey::active).count() == 1) {
            return new RevokeKeyResult.LastActiveKey(command.keyId());
        }
        var at = clock.instant();
        if (!tenants.revokeKey(command.tenantId(), command.keyId(), at)) {
            return new RevokeKeyResult.NotFound(command.keyId()); // revoked concurrently
        }
        ApiKey revoked = key.get();
        return new RevokeKeyResult.Revoked(new ApiKey(revoked.id(), revoked.tenantId(), revoked.createdAt(), Optional.of(at)));
    }
}
