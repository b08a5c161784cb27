package dev.lethe.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.application.port.out.ModelRegistry;
import dev.lethe.application.port.out.PersistenceException;
import dev.lethe.domain.registry.ModelVersion;
import dev.lethe.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link ModelRegistry} must do; extend it and return your implementation to run it. */
public abstract class ModelRegistryContract {
    private static final Instant T0 = Instant.parse("2024-06-01T12:00:00Z");
    protected final TenantId tenant = ContractData.freshTenant();

    /** The implementation under test, over one store shared by every test. */
    protected abstract ModelRegistry registry();

    /** Version {@code number} of {@code owner}: an LSTM trained on MXNet with one metric. */
    protected static ModelVersion version(TenantId owner, int number, boolean active) {
        return new ModelVersion(owner, number, "lstm", "mxnet", Map.of("ndcg@10", 0.1 * number), "models/" + owner + "/v" + number,
                active, T0.plusSeconds(number));
    }

    @Test
    void firstVersionIsOneAndNumbersFollowTheHighestRegistered() {
        assertThat(registry().nextVersion(tenant)).isEqualTo(1);
        registry().register(version(tenant, 1, false));
        registry().register(version(tenant, 4, false));

        assertThat(registry().nextVersion(tenant)).isEqualTo(5);
        assertThat(registry().nextVersion(ContractData.freshTenant())).isEqualTo(1);
    }

    @Test
    void registeredVersionReadsBackWithEveryMetricExactly() {
        ModelVersion version = new ModelVersion(tenant, 1, "lethe", "pytorch",
                Map.of("ndcg@10", 0.1 + 0.2, "hr@10", Math.PI / 3, "perplexity", Double.POSITIVE_INFINITY, "coverage", Double.NaN,
                        "tiny", Double.MIN_VALUE),
                "", false, Instant.parse("2024-06-01T12:00:00.654321Z"));
        registry().register(version);

        assertThat(registry().find(tenant, 1)).contains(version);
    }

    @Test
    void takenVersionNumberIsRefused() {
        registry().register(version(tenant, 1, false));

        assertThatThrownBy(() -> registry().register(version(tenant, 1, false))).isInstanceOf(PersistenceException.class);
    }

    @Test
    void listIsNewestFirst() {
        for (int v = 1; v <= 3; v++) {
            registry().register(version(tenant, v, false));
        }
        registry().register(version(ContractData.freshTenant(), 9, false));

        assertThat(registry().list(tenant)).extracting(ModelVersion::version).containsExactly(3, 2, 1);
    }

    @Test
    void registeringAnActiveVersionDeactivatesTheOthers() {
        registry().register(version(tenant, 1, true));
        registry().register(version(tenant, 2, true));

        assertThat(registry().active(tenant)).contains(version(tenant, 2, true));
        assertThat(registry().find(tenant, 1)).contains(version(tenant, 1, false));
    }

    @Test
    void activateMakesThatVersionTheOnlyActiveOne() {
        for (int v = 1; v <= 3; v++) {
            registry().register(version(tenant, v, v == 3));
        }

        assertThat(registry().activate(tenant, 1)).isTrue();

        assertThat(registry().active(tenant)).contains(version(tenant, 1, true));
        assertThat(registry().list(tenant)).filteredOn(ModelVersion::active).extracting(ModelVersion::version).containsExactly(1);
    }

    @Test
    void activatingTheActiveVersionAgainKeepsIt() {
        registry().register(version(tenant, 1, true));

        assertThat(registry().activate(tenant, 1)).isTrue();
        assertThat(registry().active(tenant)).contains(version(tenant, 1, true));
    }

    @Test
    void activatingAnUnknownVersionChangesNothing() {
        registry().register(version(tenant, 1, true));

        assertThat(registry().activate(tenant, 7)).isFalse();
        assertThat(registry().active(tenant)).contains(version(tenant, 1, true));
    }

    @Test
    void noActiveVersionBeforeAnyIsActivated() {
        registry().register(version(tenant, 1, false));

        assertThat(registry().active(tenant)).isEmpty();
    }

    @Test
    void everyTenantHasItsOwnActiveVersion() {
        TenantId other = ContractData.freshTenant();
        registry().register(version(tenant, 1, true));
        registry().register(version(other, 1, true));
        registry().activate(other, 1);

        assertThat(registry().active(tenant)).contains(version(tenant, 1, true));
        assertThat(registry().active(other)).contains(version(other, 1, true));
        assertThat(registry().find(other, 2)).isEmpty();
    }

    @Test
    void concurrentActivationsLeaveExactlyOneActiveVersion() throws Exception {
        for (int v = 1; v <= 6; v++) {
            registry().register(version(tenant, v, v == 1));
        }
        List<Thread> threads = new java.util.ArrayList<>();
        for (int v = 1; v <= 6; v++) {
            int number = v;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 5; i++) {
                    try {
                        registry().activate(tenant, number);
                    } catch (PersistenceException e) {
                        // a lost race surfaces as a failed call, never as two active versions
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(registry().list(tenant)).filteredOn(ModelVersion::active).hasSize(1);
    }
}
