package dev.lethe.adapter.persistence;

import dev.lethe.application.port.out.ItemRepository;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The catalogue in {@code items}, {@code item_categories} and {@code item_attributes}. Reads go by pages
 * of item ids, so streaming a large catalogue holds one page in memory and no connection between pages.
 */
final class JdbcItemRepository implements ItemRepository {
    private static final int PAGE = 500;

    /**
     * The new values are bound twice, not read back with {@code VALUES()}: MySQL 8.0.20+ deprecates that,
     * MariaDB lacks the row alias. An item without a creation time keeps the stored one.
     */
    private static final String UPSERT = """
            INSERT INTO items (tenant_id, item_id, updated_at, created_at) VALUES (?, ?, ?, ?)
            ON DUPLICATE KEY UPDATE updated_at = ?, created_at = COALESCE(?, created_at)
            """;
    private static final String DELETE_CATEGORY = "DELETE FROM item_categories WHERE tenant_id = ? AND item_id = ? AND category = ?";
    private static final String DELETE_ATTRIBUTE = "DELETE FROM item_attributes WHERE tenant_id = ? AND item_id = ? AND attribute_name = ?";
    private static final String UPDATE_ATTRIBUTE = """
            UPDATE item_attributes SET attribute_value = ? WHERE tenant_id = ? AND item_id = ? AND attribute_name = ?
            """;
    private static final String INSERT_CATEGORY = "INSERT INTO item_categories (tenant_id, item_id, category) VALUES (?, ?, ?)";
    private static final String INSERT_ATTRIBUTE = """
            INSERT INTO item_attributes (tenant_id, item_id, attribute_name, attribute_value) VALUES (?, ?, ?, ?)
            """;
    private static final String CHANGED_SINCE = "SELECT tenant_id, item_id FROM items WHERE updated_at >= ? ORDER BY tenant_id, item_id";
    private static final String KNOWN_PREFIX = "SELECT item_id, created_at FROM items WHERE tenant_id = ? AND item_id IN (";
    private static final String CATEGORIES_PREFIX = "SELECT item_id, category FROM item_categories WHERE tenant_id = ? AND item_id IN (";
    private static final String ATTRIBUTES_PREFIX = """
            SELECT item_id, attribute_name, attribute_value FROM item_attributes WHERE tenant_id = ? AND item_id IN (
            """;
    private static final String PAGE_AFTER = """
            SELECT item_id FROM items WHERE tenant_id = ? AND item_id > ? ORDER BY item_id LIMIT ?
            """;

    private final Jdbc jdbc;
    private final Clock clock;

    JdbcItemRepository(Jdbc jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Replaces the item's categories and attributes. The parent row is written first, which locks it for
     * the transaction, so writers of one item queue there; the child rows are then changed one exact
     * primary key at a time (delete what went away, update what changed, insert what is new, in key
     * order) instead of a range delete and re-insert, whose gap locks made writers of neighbouring items
     * deadlock. READ COMMITTED keeps InnoDB's duplicate checks to record locks as well.
     */
    @Override
    public void upsert(TenantId tenantId, Item item) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(item, "item");
        String tenant = tenantId.value();
        String id = item.id().value();
        jdbc.readCommittedTransaction("store item " + item.id() + " of tenant " + tenantId, connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                upsert.setString(1, tenant);
                upsert.setString(2, id);
                Instant now = clock.instant();
                Jdbc.setInstant(upsert, 3, now);
                setOptionalInstant(upsert, 4, item.createdAt());
                Jdbc.setInstant(upsert, 5, now);
                setOptionalInstant(upsert, 6, item.createdAt());
                upsert.executeUpdate();
            }
            Map<String, Set<String>> storedCategories = new HashMap<>();
            Map<String, Map<String, String>> storedAttributes = new HashMap<>();
            children(connection, tenantId, List.of(id), storedCategories, storedAttributes);
            Set<String> oldCategories = storedCategories.getOrDefault(id, Set.of());
            Map<String, String> oldAttributes = storedAttributes.getOrDefault(id, Map.of());

            List<List<String>> deleteCategories = new ArrayList<>();
            new TreeSet<>(oldCategories).stream().filter(c -> !item.categories().contains(c)).forEach(c -> deleteCategories.add(List.of(tenant, id, c)));
            List<List<String>> deleteAttributes = new ArrayList<>();
            List<List<String>> updateAttributes = new ArrayList<>();
            List<List<String>> insertAttributes = new ArrayList<>();
            new TreeSet<>(oldAttributes.keySet()).stream().filter(name -> !item.attributes().containsKey(name))
                    .forEach(name -> deleteAttributes.add(List.of(tenant, id, name)));
            item.attributes().forEach((name, value) -> {
                if (!oldAttributes.containsKey(name)) {
                    insertAttributes.add(List.of(tenant, id, name, value));
                } else if (!oldAttributes.get(name).equals(value)) {
                    updateAttributes.add(List.of(value, tenant, id, name));
                }
            });
            List<List<String>> insertCategories = new ArrayList<>();
            item.categories().stream().filter(c -> !oldCategories.contains(c)).forEach(c -> insertCategories.add(List.of(tenant, id, c)));

            batch(connection, DELETE_CATEGORY, deleteCategories);
            batch(connection, DELETE_ATTRIBUTE, deleteAttributes);
            batch(connection, UPDATE_ATTRIBUTE, updateAttributes);
            batch(connection, INSERT_CATEGORY, insertCategories);
            batch(connection, INSERT_ATTRIBUTE, insertAttributes);
            return null;
        });
    }

    private static void setOptionalInstant(PreparedStatement statement, int index, Optional<Instant> instant) throws SQLException {
        if (instant.isPresent()) {
            Jdbc.setInstant(statement, index, instant.get());
        } else {
            statement.setNull(index, java.sql.Types.VARCHAR);
        }
    }

    /** Runs {@code sql} once per row of string parameters, in one batch; nothing when there are no rows. */
    private static void batch(Connection connection, String sql, List<List<String>> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (List<String> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    statement.setString(i + 1, row.get(i));
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    @Override
    public Optional<Item> find(TenantId tenantId, ItemId itemId) {
        Objects.requireNonNull(itemId, "itemId");
        return Optional.ofNullable(findAll(tenantId, List.of(itemId)).get(itemId));
    }

    @Override
    public Map<ItemId, Item> findAll(TenantId tenantId, Collection<ItemId> ids) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(ids, "ids");
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<String> wanted = new ArrayList<>(new LinkedHashSet<>(ids.stream().map(ItemId::value).toList()));
        return jdbc.read("read items of tenant " + tenantId, connection -> {
            Map<ItemId, Item> found = new HashMap<>();
            for (int from = 0; from < wanted.size(); from += Jdbc.CHUNK) {
                List<String> chunk = wanted.subList(from, Math.min(wanted.size(), from + Jdbc.CHUNK));
                for (Item item : load(connection, tenantId, chunk)) {
                    found.put(item.id(), item);
                }
            }
            return Map.copyOf(found);
        });
    }

    @Override
    public void forEach(TenantId tenantId, Consumer<Item> sink) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(sink, "sink");
        String after = "";
        while (true) {
            String from = after;
            List<Item> page = jdbc.read("read items of tenant " + tenantId, connection -> load(connection, tenantId, pageAfter(connection, tenantId, from)));
            page.forEach(sink);
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).id().value();
        }
    }

    @Override
    public void forEachChangedSince(Instant since, BiConsumer<TenantId, Item> sink) {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(sink, "sink");
        Map<String, List<String>> changed = jdbc.read("list items changed since " + since, connection -> {
            Map<String, List<String>> ids = new TreeMap<>();
            try (PreparedStatement select = connection.prepareStatement(CHANGED_SINCE)) {
                Jdbc.setInstant(select, 1, since);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.computeIfAbsent(rows.getString(1), t -> new ArrayList<>()).add(rows.getString(2));
                    }
                }
            }
            return ids;
        });
        changed.forEach((tenant, ids) -> {
            TenantId tenantId = new TenantId(tenant);
            for (int from = 0; from < ids.size(); from += Jdbc.CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + Jdbc.CHUNK));
                jdbc.read("read changed items of tenant " + tenant, connection -> load(connection, tenantId, chunk))
                        .forEach(item -> sink.accept(tenantId, item));
            }
        });
    }

    private static List<String> pageAfter(Connection connection, TenantId tenantId, String after) throws SQLException {
        List<String> ids = new ArrayList<>(PAGE);
        try (PreparedStatement select = connection.prepareStatement(PAGE_AFTER)) {
            select.setString(1, tenantId.value());
            select.setString(2, after);
            select.setInt(3, PAGE);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    /**
     * The stored items among these ids, in the order given, with their categories, attributes and creation
     * times: one read of their {@code items} rows (which tells which exist and when they were created), then
     * their child rows.
     */
    private static List<Item> load(Connection connection, TenantId tenantId, List<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Optional<Instant>> known = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(KNOWN_PREFIX + Jdbc.placeholders(ids.size()) + ")")) {
            bindIds(select, tenantId, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    known.put(rows.getString(1), rows.getObject("created_at") == null ? Optional.empty()
                            : Optional.of(Jdbc.getInstant(rows, "created_at")));
                }
            }
        }
        List<String> stored = ids.stream().filter(known::containsKey).toList();
        if (stored.isEmpty()) {
            return List.of();
        }
        Map<String, Set<String>> categories = new HashMap<>();
        Map<String, Map<String, String>> attributes = new HashMap<>();
        children(connection, tenantId, stored, categories, attributes);
        List<Item> items = new ArrayList<>(stored.size());
        for (String id : stored) {
            items.add(new Item(new ItemId(id), categories.getOrDefault(id, Set.of()), attributes.getOrDefault(id, Map.of()), known.get(id)));
        }
        return items;
    }

    /** Reads the category and attribute rows of these items into the two maps, keyed by item id. */
    private static void children(Connection connection, TenantId tenantId, List<String> ids,
            Map<String, Set<String>> categories, Map<String, Map<String, String>> attributes) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(CATEGORIES_PREFIX + Jdbc.placeholders(ids.size()) + ")")) {
            bindIds(select, tenantId, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    categories.computeIfAbsent(rows.getString(1), id -> new TreeSet<>()).add(rows.getString(2));
                }
            }
        }
        try (PreparedStatement select = connection.prepareStatement(ATTRIBUTES_PREFIX + Jdbc.placeholders(ids.size()) + ")")) {
            bindIds(select, tenantId, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    attributes.computeIfAbsent(rows.getString(1), id -> new TreeMap<>()).put(rows.getString(2), rows.getString(3));
                }
            }
        }
    }

    private static void bindIds(PreparedStatement select, TenantId tenantId, List<String> ids) throws SQLException {
        select.setString(1, tenantId.value());
        for (int i = 0; i < ids.size(); i++) {
            select.setString(i + 2, ids.get(i));
        }
    }
}
