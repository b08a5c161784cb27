package dev.lethe.adapter.http;

import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.ForgettingCurveRepository;
import dev.lethe.application.port.out.ItemRepository;
import dev.lethe.application.port.out.ModelRegistry;
import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.application.port.out.TrainingJobRepository;
import dev.lethe.application.port.out.contract.BehaviorRepositoryContract;
import dev.lethe.application.port.out.contract.ForgettingCurveRepositoryContract;
import dev.lethe.application.port.out.contract.ItemRepositoryContract;
import dev.lethe.application.port.out.contract.ModelRegistryContract;
import dev.lethe.application.port.out.contract.TenantRepositoryContract;
import dev.lethe.application.port.out.contract.TrainingJobRepositoryContract;
import java.time.Clock;
import org.junit.jupiter.api.Nested;

/**
 * The in-memory stores the HTTP tests and the load launcher run on keep the same contracts as the JDBC
 * store (the contract kit), so what the HTTP tests show holds on the real store too. Tenant erasure is
 * not among them: these stores are separate maps and deleting a tenant forgets only the tenant and its keys.
 */
class InMemoryStoresContractTest {
    private final InMemoryStores.Curves curves = new InMemoryStores.Curves();
    private final InMemoryStores.Behaviors behaviors = new InMemoryStores.Behaviors(curves);
    private final InMemoryStores.Items items = new InMemoryStores.Items();
    private final InMemoryStores.Tenants tenants = new InMemoryStores.Tenants();
    private final InMemoryStores.Registry registry = new InMemoryStores.Registry();
    private final InMemoryStores.Jobs jobs = new InMemoryStores.Jobs();

    @Nested
    class Behaviours extends BehaviorRepositoryContract {
        @Override
        protected BehaviorRepository behaviors(Clock clock) {
            return behaviors;
        }

        @Override
        protected ForgettingCurveRepository curves() {
            return curves;
        }
    }

    @Nested
    class Items extends ItemRepositoryContract {
        @Override
        protected ItemRepository items() {
            return items;
        }
    }

    @Nested
    class Curves extends ForgettingCurveRepositoryContract {
        @Override
        protected ForgettingCurveRepository curves() {
            return curves;
        }
    }

    @Nested
    class Tenants extends TenantRepositoryContract {
        @Override
        protected TenantRepository tenants() {
            return tenants;
        }
    }

    @Nested
    class Registry extends ModelRegistryContract {
        @Override
        protected ModelRegistry registry() {
            return registry;
        }
    }

    @Nested
    class Jobs extends TrainingJobRepositoryContract {
        @Override
        protected TrainingJobRepository jobs() {
            return jobs;
        }
    }
}
