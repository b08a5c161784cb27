package dev.lethe.application.port.in;

/** Creates a tenant and its first API key, storing only the key's hash. Blocks on the store. */
public interface CreateTenantUseCase {

    /** Creates the tenant unless its id (or its explicit key) is taken. */
    CreateTenantResult create(CreateTenantCommand command);
}
