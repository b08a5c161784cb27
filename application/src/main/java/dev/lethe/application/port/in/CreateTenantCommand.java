package dev.lethe.application.port.in;

import dev.lethe.domain.Texts;
import dev.lethe.domain.tenant.Tenant;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.tenant.TenantKind;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to create a tenant.
 *
 * @param apiKey an explicit first API key (at least {@link #MIN_KEY_LENGTH} printable characters), for demos
 *     and migrations; when empty a random key is generated
 */
public record CreateTenantCommand(TenantId tenantId, String name, TenantKind kind, Optional<String> apiKey) {
    public static final int MIN_KEY_LENGTH = 20;
    public static final int MAX_KEY_LENGTH = 200;

    public CreateTenantCommand {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(apiKey, "apiKey");
        Texts.requireNonBlank("name", name, Tenant.MAX_NAME_LENGTH);
        apiKey.ifPresent(CreateTenantCommand::requireWellFormedKey);
    }

    private static void requireWellFormedKey(String key) {
        if (key.length() < MIN_KEY_LENGTH || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("apiKey must be " + MIN_KEY_LENGTH + "-" + MAX_KEY_LENGTH + " characters, got " + key.length());
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new IllegalArgumentException("apiKey must hold printable ASCII characters without spaces");
            }
        }
    }
}
