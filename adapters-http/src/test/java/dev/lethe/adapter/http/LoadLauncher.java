package dev.lethe.adapter.http;

import dev.lethe.application.port.in.CreateTenantCommand;
import dev.lethe.application.service.tenant.ApiKeys;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.tenant.Tenant;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.tenant.TenantKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Starts the real server over in-memory stores with one tenant and generated events, for load tests
 * (scripts/load-benchmark.sh). Not a test. Arguments: port users events items; runs until stdin closes.
 */
final class LoadLauncher {
    static final String TENANT_KEY = "load-test-key-0123456789abcdef";

    private LoadLauncher() {}

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int events = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int items = args.length > 3 ? Integer.parseInt(args[3]) : 2_000;
        Path artifacts = Files.createTempDirectory("lethe-load");
        TestServer server = new TestServer(artifacts, Optional.empty(), port, 16);
        TenantId tenant = new TenantId("load");
        server.tenants.create(new Tenant(tenant, "Load test", TenantKind.ECOMMERCE, Instant.now()), ApiKeys.hash(TENANT_KEY));
        if (TENANT_KEY.length() < CreateTenantCommand.MIN_KEY_LENGTH) {
            throw new IllegalStateException("key too short");
        }
        Random random = new Random(42);
        for (int i = 0; i < items; i++) {
            server.items.upsert(tenant, new Item(new ItemId("i" + i), Set.of("c" + (i % 20)), Map.of()));
        }
        List<Behavior> log = new ArrayList<>(events);
        Instant now = Instant.now();
        BehaviorType[] types = {BehaviorType.VIEW, BehaviorType.VIEW, BehaviorType.VIEW, BehaviorType.CLICK, BehaviorType.ADD_TO_CART, BehaviorType.PURCHASE};
        for (int e = 0; e < events; e++) {
            // Skewed item popularity, events spread over the last 90 days.
            int item = (int) Math.min(items - 1, Math.abs(random.nextGaussian()) * items / 4);
            log.add(Behavior.of(new EventId("seed-" + e), new UserId("u" + random.nextInt(users)), new ItemId("i" + item),
                    types[random.nextInt(types.length)], now.minusSeconds(random.nextInt(90 * 86_400))));
        }
        for (int from = 0; from < log.size(); from += 10_000) {
            server.behaviors.append(tenant, log.subList(from, Math.min(log.size(), from + 10_000)));
        }
        System.out.println("READY port=" + server.port + " users=" + users + " events=" + events + " items=" + items + " key=" + TENANT_KEY);
        System.out.flush();
        while (System.in.read() >= 0) {
            // run until the script closes stdin
        }
        server.close();
    }
}
