package dev.lethe.application.port.in;

import dev.lethe.domain.tenant.ApiKey;
import dev.lethe.domain.tenant.TenantId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Rotates and revokes a tenant's API keys: a tenant may hold up to {@link #MAX_ACTIVE_KEYS} active keys
 * at once, so a new key can be rolled out before the old one is revoked. Blocks on the store; throws
 * {@code PersistenceException}, and {@link IllegalArgumentException} naming {@code keyId} for a malformed id.
 */
public interface ManageApiKeysUseCase {
    int MAX_ACTIVE_KEYS = 10;

    /** Issues a new random key; the clear key is in the result only. */
    IssueKeyResult issue(TenantId tenantId);

    /** The tenant's keys, active and revoked, oldest first; empty when there is no such tenant. */
    Optional<List<ApiKey>> list(TenantId tenantId);

    /** Revokes one key of the tenant. */
    RevokeKeyResult revoke(RevokeKeyCommand command);

    /**
     * @param keepOneActive refuse to revoke the tenant's last active key (a tenant revoking its own keys
     *     would lock itself out; the operator may)
     */
    record RevokeKeyCommand(TenantId tenantId, String keyId, boolean keepOneActive) {
        public RevokeKeyCommand {
            Objects.requireNonNull(tenantId, "tenantId");
            ApiKey.requireId(keyId);
        }
    }

    /** What issuing a key led to. */
    sealed interface IssueKeyResult {
        /** Issued; {@code apiKey} is the only time the clear key is ever visible. */
        record Issued(ApiKey key, String apiKey) implements IssueKeyResult {
            public Issued {
                Objects.requireNonNull(key, "key");
                Objects.requireNonNull(apiKey, "apiKey");
            }

            @Override
            public String toString() {
                return "Issued[key=" + key + ", apiKey=***]";
            }
        }

        /** No such tenant. */
        record TenantNotFound(TenantId tenantId) implements IssueKeyResult {}

        /** The tenant holds {@link #MAX_ACTIVE_KEYS} active keys already: revoke one first. */
        record TooManyKeys(TenantId tenantId) implements IssueKeyResult {}
    }

    /** What revoking a key led to. */
    sealed interface RevokeKeyResult {
        /** Revoked: it stops working on every process within the authentication cache's lifetime. */
        record Revoked(ApiKey key) implements RevokeKeyResult {}

        /** The tenant has no active key with that id (unknown, another tenant's, or revoked already). */
        record NotFound(String keyId) implements RevokeKeyResult {}

        /** It is the tenant's last active key and the command asked to keep one. */
        record LastActiveKey(String keyId) implements RevokeKeyResult {}
    }
}
