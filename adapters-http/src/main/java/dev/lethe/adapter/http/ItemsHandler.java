package dev.lethe.adapter.http;

import dev.lethe.application.port.in.UpsertItemCommand;
import dev.lethe.application.port.in.UpsertItemUseCase;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.tenant.Tenant;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code PUT /v1/items/{id}} with {@code {"categories":[...],"attributes":{...},"createdAt":"..."}};
 * {@code createdAt} (ISO-8601, not in the future) is optional: without it the item keeps the creation
 * time it has, or gets the moment it is first stored.
 */
final class ItemsHandler {
    private final UpsertItemUseCase upsert;
    private final Blocking blocking;

    ItemsHandler(UpsertItemUseCase upsert, Blocking blocking) {
        this.upsert = upsert;
        this.blocking = blocking;
    }

    record ItemResponse(String id, Set<String> categories, Map<String, String> attributes, Instant createdAt) {}

    void put(RoutingContext ctx) {
        Tenant tenant = ApiKeyAuthHandler.tenant(ctx);
        ItemId id = Params.itemId(ctx.pathParam("itemId"));
        JsonFields f = JsonFields.of(Json.tree(ctx.body().buffer(), "body"), "", Set.of("categories", "attributes", "createdAt"));
        List<String> categories = f.stringList("categories");
        for (int i = 0; i < categories.size(); i++) {
            String field = "categories[" + i + "]";
            JsonFields.convert(field, "invalid_value", categories.get(i), c -> Item.requireCategory(field, c));
        }
        Map<String, String> attributes = f.stringMap("attributes");
        for (String name : attributes.keySet()) {
            JsonFields.convert("attributes", "invalid_value", name, n -> Item.requireAttributeName("attributes keys", n));
        }
        Optional<Instant> createdAt = f.optionalText("createdAt").map(text -> f.convert("createdAt", text, Instant::parse));
        Item item = JsonFields.convert("categories", "invalid_value", id, i -> new Item(i, new LinkedHashSet<>(categories), attributes, createdAt));
        blocking.run(ctx, () -> upsert.upsert(new UpsertItemCommand(tenant.id(), item)),
                (c, stored) -> Blocking.json(c, 200, new ItemResponse(stored.id().value(), stored.categories(), stored.attributes(),
                        stored.createdAt().orElse(null))));
    }
}
