package dev.lethe.application.service.tenant;

import dev.lethe.application.port.in.DeleteTenantUseCase;
import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.domain.tenant.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Deletes a tenant: its rows (the tenant row last, so a failed erasure leaves the tenant in place), then
 * its artifact files ({@code <artifact dir>/<tenant>}), then tells {@code deleted} (serving and
 * authentication caches). The files go even when the tenant is already gone, so repeating a deletion
 * whose file step failed finishes it.
 */
public final class DeleteTenantService implements DeleteTenantUseCase {
    private final TenantRepository tenants;
    private final Path artifactDirectory;
    private final Consumer<TenantId> deleted;

    public DeleteTenantService(TenantRepository tenants, Path artifactDirectory, Consumer<TenantId> deleted) {
        this.tenants = tenants;
        this.artifactDirectory = artifactDirectory;
        this.deleted = deleted;
    }

    @Override
    public boolean delete(TenantId tenantId) {
        boolean existed = tenants.delete(tenantId);
        deleteTree(artifactDirectory.resolve(tenantId.value()));
        deleted.accept(tenantId);
        return existed;
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path path : deepestFirst) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the model artifacts in " + root, e);
        }
    }
}
