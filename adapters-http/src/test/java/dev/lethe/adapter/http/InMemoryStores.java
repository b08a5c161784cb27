package dev.lethe.adapter.http;

import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.ForgettingCurveRepository;
import dev.lethe.application.port.out.ItemRepository;
import dev.lethe.application.port.out.ModelRegistry;
import dev.lethe.application.port.out.PersistenceException;
import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.application.port.out.TrainingJobRepository;
import dev.lethe.domain.Ids;
import dev.lethe.domain.Texts;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.registry.ModelVersion;
import dev.lethe.domain.tenant.ApiKey;
import dev.lethe.domain.tenant.Tenant;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.training.TrainingJob;
import dev.lethe.domain.training.TrainingStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** Thread-safe in-memory out-ports for tests and the load launcher; every method is scoped by tenant like the real store. */
final class InMemoryStores {
    private InMemoryStores() {}

    static final class Behaviors implements BehaviorRepository {
        /** Erasing a user also erases the curve fitted on that user alone, as the JDBC store does. */
        private final Optional<Curves> curves;
        private final Map<TenantId, List<Behavior>> log = new HashMap<>();
        private final Map<TenantId, Set<EventId>> ids = new HashMap<>();
        private final Map<TenantId, Map<UserId, List<Behavior>>> byUser = new HashMap<>();
        /** Every stored behaviour with its sequence number, ascending; the sequence of a behaviour by identity. */
        private final List<Stored> stored = new ArrayList<>();
        private final Map<Behavior, Long> sequenceOf = new java.util.IdentityHashMap<>();

        Behaviors() {
            this.curves = Optional.empty();
        }

        Behaviors(Curves curves) {
            this.curves = Optional.of(curves);
        }

        @Override
        public synchronized List<AppendOutcome> append(TenantId tenantId, List<Behavior> behaviors) {
            List<AppendOutcome> out = new ArrayList<>(behaviors.size());
            Set<EventId> seen = ids.computeIfAbsent(tenantId, t -> new HashSet<>());
            for (Behavior b : behaviors) {
                if (seen.add(b.eventId())) {
                    long seq = stored.size() + 1L;
                    stored.add(new Stored(seq, tenantId, b.itemId(), b.occurredAt()));
                    sequenceOf.put(b, seq);
                    log.computeIfAbsent(tenantId, t -> new ArrayList<>()).add(b);
                    List<Behavior> mine = byUser.computeIfAbsent(tenantId, t -> new HashMap<>()).computeIfAbsent(b.userId(), u -> new ArrayList<>());
                    insertInTimeOrder(mine, b);
                    out.add(AppendOutcome.STORED);
                } else {
                    out.add(AppendOutcome.DUPLICATE);
                }
            }
            return out;
        }

        /** Events mostly arrive newest last: a binary search keeps the per-user list ordered in O(log n) for them. */
        private static void insertInTimeOrder(List<Behavior> list, Behavior b) {
            int lo = 0;
            int hi = list.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (list.get(mid).occurredAt().isAfter(b.occurredAt())) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            list.add(lo, b);
        }

        @Override
        public synchronized List<Behavior> recentForUser(TenantId tenantId, UserId userId, int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("limit must not be negative, got: " + limit);
            }
            List<Behavior> mine = byUser.getOrDefault(tenantId, Map.of()).getOrDefault(userId, List.of());
            return List.copyOf(mine.subList(Math.max(0, mine.size() - limit), mine.size()));
        }

        @Override
        public synchronized List<Behavior> recentForUser(TenantId tenantId, UserId userId, Instant upTo, int limit) {
            List<Behavior> mine = byUser.getOrDefault(tenantId, Map.of()).getOrDefault(userId, List.of()).stream()
                    .filter(b -> !b.occurredAt().isAfter(upTo)).toList();
            return List.copyOf(mine.subList(Math.max(0, mine.size() - limit), mine.size()));
        }

        @Override
        public synchronized List<UserId> usersStartingWith(TenantId tenantId, String prefix, int limit) {
            return byUser.getOrDefault(tenantId, Map.of()).keySet().stream().filter(u -> u.value().startsWith(prefix))
                    .sorted(Comparator.comparing(UserId::value)).limit(limit).toList();
        }

        @Override
        public synchronized LogSummary summarize(TenantId tenantId, Instant since) {
            List<Behavior> mine = log.getOrDefault(tenantId, List.of());
            Map<BehaviorType, Long> perType = new HashMap<>();
            TreeMap<LocalDate, Long> perDay = new TreeMap<>();
            Set<ItemId> items = new HashSet<>();
            for (Behavior b : mine) {
                perType.merge(b.type(), 1L, Long::sum);
                items.add(b.itemId());
                if (!b.occurredAt().isBefore(since)) {
                    perDay.merge(LocalDate.ofInstant(b.occurredAt(), ZoneOffset.UTC), 1L, Long::sum);
                }
            }
            long users = mine.stream().map(Behavior::userId).distinct().count();
            return new LogSummary(mine.size(), users, items.size(), perType,
                    perDay.entrySet().stream().map(e -> new DayCount(e.getKey(), e.getValue())).toList());
        }

        @Override
        public synchronized Set<ItemId> consumedItems(TenantId tenantId, UserId userId) {
            Set<ItemId> items = new HashSet<>();
            byUser.getOrDefault(tenantId, Map.of()).getOrDefault(userId, List.of()).forEach(b -> items.add(b.itemId()));
            return items;
        }

        @Override
        public SortedSet<Long> forEachInTimeOrder(TenantId tenantId, Instant since, long upToSequence, Consumer<Behavior> sink) {
            List<Behavior> copy = new ArrayList<>();
            SortedSet<Long> unseen = new TreeSet<>();
            synchronized (this) {
                for (Behavior b : log.getOrDefault(tenantId, List.of())) {
                    if (sequenceOf.get(b) <= upToSequence && !b.occurredAt().isBefore(since)) {
                        copy.add(b);
                    }
                }
                if (upToSequence != Long.MAX_VALUE) {
                    // Everything commits at once here: the only numbers without a row are erased behaviours'.
                    Set<Long> alive = new HashSet<>();
                    log.values().forEach(behaviours -> behaviours.forEach(b -> alive.add(sequenceOf.get(b))));
                    for (long seq = Math.min(upToSequence, stored.size()); seq > Math.max(0, upToSequence - UNSEEN_LOOKBACK)
                            && unseen.size() < MAX_UNSEEN; seq--) {
                        if (!alive.contains(seq)) {
                            unseen.add(seq);
                        }
                    }
                }
            }
            copy.sort(Comparator.comparing(Behavior::occurredAt));
            copy.forEach(sink);
            return unseen;
        }

        @Override
        public synchronized List<Stored> storedAmong(TenantId tenantId, Collection<Long> sequences) {
            Set<Long> alive = new HashSet<>();
            log.getOrDefault(tenantId, List.of()).forEach(b -> alive.add(sequenceOf.get(b)));
            return sequences.stream().filter(alive::contains).sorted().map(seq -> stored.get((int) (seq - 1))).toList();
        }

        @Override
        public synchronized Optional<Instant> momentOfNewest(TenantId tenantId, long n) {
            List<Behavior> mine = new ArrayList<>(log.getOrDefault(tenantId, List.of()));
            mine.sort(Comparator.comparing(Behavior::occurredAt).reversed());
            return n <= mine.size() ? Optional.of(mine.get((int) n - 1).occurredAt()) : Optional.empty();
        }

        @Override
        public synchronized long sequenceBelowNewest(TenantId tenantId, long n) {
            List<Long> mine = new ArrayList<>();
            log.getOrDefault(tenantId, List.of()).forEach(b -> mine.add(sequenceOf.get(b)));
            mine.sort(Comparator.reverseOrder());
            return n < mine.size() ? mine.get((int) n) : 0L;
        }

        @Override
        public synchronized long latestSequence() {
            return stored.size();
        }

        @Override
        public synchronized List<Stored> storedAfter(long afterSequence, Collection<Long> alsoSequences, int limit) {
            // Sequence numbers are dense here (the n-th stored is n), so a skipped one is never skipped for long.
            List<Stored> out = new ArrayList<>();
            alsoSequences.stream().filter(seq -> seq >= 1 && seq <= afterSequence && seq <= stored.size()).sorted()
                    .forEach(seq -> out.add(stored.get((int) (seq - 1))));
            out.addAll(stored.subList((int) Math.min(stored.size(), afterSequence), (int) Math.min(stored.size(), afterSequence + limit)));
            return List.copyOf(out.subList(0, Math.min(limit, out.size())));
        }

        @Override
        public void forEachStored(TenantId tenantId, long afterSequence, long upToSequence, Consumer<Stored> sink) {
            List<Stored> copy = new ArrayList<>();
            synchronized (this) {
                Set<Long> alive = new HashSet<>();
                log.getOrDefault(tenantId, List.of()).forEach(b -> alive.add(sequenceOf.get(b)));
                for (Stored s : stored) {
                    if (s.tenantId().equals(tenantId) && s.sequence() > afterSequence && s.sequence() <= upToSequence && alive.contains(s.sequence())) {
                        copy.add(s);
                    }
                }
            }
            copy.forEach(sink);
        }

        @Override
        public synchronized long count(TenantId tenantId) {
            return log.getOrDefault(tenantId, List.of()).size();
        }

        @Override
        public synchronized int eraseUser(TenantId tenantId, UserId userId) {
            List<Behavior> all = log.getOrDefault(tenantId, new ArrayList<>());
            int before = all.size();
            all.removeIf(b -> b.userId().equals(userId));
            byUser.getOrDefault(tenantId, new HashMap<>()).remove(userId);
            curves.ifPresent(c -> c.erase(tenantId, "user:" + userId.value()));
            return before - all.size();
        }
    }

    static final class Items implements ItemRepository {
        private final Map<TenantId, Map<ItemId, Item>> items = new HashMap<>();
        private final Map<TenantId, Map<ItemId, Instant>> written = new HashMap<>();

        @Override
        public synchronized void upsert(TenantId tenantId, Item item) {
            Map<ItemId, Item> stored = items.computeIfAbsent(tenantId, t -> new LinkedHashMap<>());
            // An item without a creation time keeps the stored one.
            stored.put(item.id(), item.orCreatedAt(Optional.ofNullable(stored.get(item.id())).flatMap(Item::createdAt)));
            written.computeIfAbsent(tenantId, t -> new HashMap<>()).put(item.id(), Instant.now());
        }

        @Override
        public synchronized void forEachChangedSince(Instant since, BiConsumer<TenantId, Item> sink) {
            written.forEach((tenant, times) -> times.forEach((id, at) -> {
                if (!at.isBefore(since)) {
                    sink.accept(tenant, items.get(tenant).get(id));
                }
            }));
        }

        @Override
        public synchronized Optional<Item> find(TenantId tenantId, ItemId itemId) {
            return Optional.ofNullable(items.getOrDefault(tenantId, Map.of()).get(itemId));
        }

        @Override
        public synchronized Map<ItemId, Item> findAll(TenantId tenantId, Collection<ItemId> ids) {
            Map<ItemId, Item> mine = items.getOrDefault(tenantId, Map.of());
            Map<ItemId, Item> out = new HashMap<>();
            ids.forEach(id -> {
                if (mine.containsKey(id)) {
                    out.put(id, mine.get(id));
                }
            });
            return out;
        }

        @Override
        public void forEach(TenantId tenantId, Consumer<Item> sink) {
            List<Item> copy;
            synchronized (this) {
                copy = new ArrayList<>(items.getOrDefault(tenantId, Map.of()).values());
            }
            copy.forEach(sink);
        }
    }

    /** Tenants and keys; deleting a tenant forgets it and its keys (the other stores' data stays: the JDBC contract covers erasure). */
    static final class Tenants implements TenantRepository {
        private final Map<TenantId, Tenant> tenants = new TreeMap<>(Comparator.comparing(TenantId::value));
        private final Map<String, TenantId> keys = new HashMap<>();
        private final Map<String, ApiKey> keyInfo = new LinkedHashMap<>();

        @Override
        public synchronized boolean create(Tenant tenant, String apiKeyHash) {
            requireHash(apiKeyHash);
            if (tenants.containsKey(tenant.id())) {
                return false;
            }
            if (keys.containsKey(apiKeyHash)) {
                throw new PersistenceException("the API key hash is another tenant's", null);
            }
            tenants.put(tenant.id(), tenant);
            return addKey(tenant.id(), apiKeyHash, tenant.createdAt());
        }

        @Override
        public synchronized Optional<Tenant> find(TenantId tenantId) {
            return Optional.ofNullable(tenants.get(tenantId));
        }

        @Override
        public synchronized Optional<Tenant> findByApiKeyHash(String apiKeyHash) {
            requireHash(apiKeyHash);
            return Optional.ofNullable(keys.get(apiKeyHash)).filter(t -> keyInfo.get(apiKeyHash).active()).map(tenants::get);
        }

        private static void requireHash(String apiKeyHash) {
            Texts.requireNonBlank("apiKeyHash", apiKeyHash, 128);
        }

        @Override
        public synchronized List<Tenant> list() {
            return List.copyOf(tenants.values());
        }

        @Override
        public synchronized boolean apiKeyHashTaken(String apiKeyHash) {
            return keys.containsKey(apiKeyHash);
        }

        @Override
        public synchronized boolean addKey(TenantId tenantId, String apiKeyHash, Instant createdAt) {
            if (keys.containsKey(apiKeyHash)) {
                return false;
            }
            keys.put(apiKeyHash, tenantId);
            keyInfo.put(apiKeyHash, new ApiKey(ApiKey.idOf(apiKeyHash), tenantId, createdAt, Optional.empty()));
            return true;
        }

        @Override
        public synchronized List<ApiKey> keys(TenantId tenantId) {
            return keyInfo.values().stream().filter(k -> k.tenantId().equals(tenantId)).toList();
        }

        @Override
        public synchronized boolean revokeKey(TenantId tenantId, String keyId, Instant at) {
            for (Map.Entry<String, ApiKey> entry : keyInfo.entrySet()) {
                ApiKey key = entry.getValue();
                if (key.tenantId().equals(tenantId) && key.id().equals(keyId) && key.active()) {
                    entry.setValue(new ApiKey(key.id(), tenantId, key.createdAt(), Optional.of(at)));
                    return true;
                }
            }
            return false;
        }

        @Override
        public synchronized boolean delete(TenantId tenantId) {
            keys.values().removeIf(tenantId::equals);
            keyInfo.values().removeIf(k -> k.tenantId().equals(tenantId));
            return tenants.remove(tenantId) != null;
        }
    }

    static final class Registry implements ModelRegistry {
        private final Map<TenantId, Map<Integer, ModelVersion>> versions = new HashMap<>();

        @Override
        public synchronized int nextVersion(TenantId tenantId) {
            return versions.getOrDefault(tenantId, Map.of()).keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        }

        @Override
        public synchronized void register(ModelVersion version) {
            Map<Integer, ModelVersion> mine = versions.computeIfAbsent(version.tenantId(), t -> new TreeMap<>());
            if (mine.containsKey(version.version())) {
                throw new PersistenceException("version " + version.version() + " of tenant " + version.tenantId() + " is taken", null);
            }
            if (version.active()) {
                mine.replaceAll((v, m) -> m.withActive(false));
            }
            mine.put(version.version(), version);
        }

        @Override
        public synchronized List<ModelVersion> list(TenantId tenantId) {
            List<ModelVersion> all = new ArrayList<>(versions.getOrDefault(tenantId, Map.of()).values());
            all.sort(Comparator.comparingInt(ModelVersion::version).reversed());
            return all;
        }

        @Override
        public synchronized Optional<ModelVersion> find(TenantId tenantId, int version) {
            return Optional.ofNullable(versions.getOrDefault(tenantId, Map.of()).get(version));
        }

        @Override
        public synchronized Optional<ModelVersion> active(TenantId tenantId) {
            return versions.getOrDefault(tenantId, Map.of()).values().stream().filter(ModelVersion::active).findFirst();
        }

        @Override
        public synchronized boolean activate(TenantId tenantId, int version) {
            Map<Integer, ModelVersion> mine = versions.get(tenantId);
            if (mine == null || !mine.containsKey(version)) {
                return false;
            }
            mine.replaceAll((v, m) -> m.withActive(v == version));
            return true;
        }
    }

    static final class Jobs implements TrainingJobRepository {
        private final Map<TenantId, Map<String, TrainingJob>> jobs = new HashMap<>();

        @Override
        public synchronized void save(TrainingJob job) {
            Ids.require("jobId", job.id());
            jobs.computeIfAbsent(job.tenantId(), t -> new LinkedHashMap<>()).put(job.id(), job);
        }

        @Override
        public synchronized Optional<TrainingJob> find(TenantId tenantId, String jobId) {
            Ids.require("jobId", jobId);
            return Optional.ofNullable(jobs.getOrDefault(tenantId, Map.of()).get(jobId));
        }

        @Override
        public synchronized List<TrainingJob> list(TenantId tenantId, int limit) {
            List<TrainingJob> all = new ArrayList<>(jobs.getOrDefault(tenantId, Map.of()).values());
            all.sort(Comparator.comparing(TrainingJob::createdAt).reversed());
            return List.copyOf(all.subList(0, Math.min(limit, all.size())));
        }

        @Override
        public synchronized Optional<TrainingJob> claimNext(String owner, Instant now, Instant leaseExpiresAt, int maxAttempts) {
            List<TrainingJob> claimable = jobs.values().stream().flatMap(m -> m.values().stream())
                    .filter(j -> j.claimableAt(now)).sorted(Comparator.comparing(TrainingJob::createdAt)).toList();
            for (TrainingJob job : claimable) {
                if (job.status() == TrainingStatus.RUNNING && job.attempts() >= maxAttempts) {
                    save(job.abandoned(maxAttempts, now));
                    continue;
                }
                TrainingJob claimed = job.claimed(owner, leaseExpiresAt, now);
                save(claimed);
                return Optional.of(claimed);
            }
            return Optional.empty();
        }

        @Override
        public synchronized boolean saveIfLeased(TrainingJob job, String owner) {
            Optional<TrainingJob> stored = find(job.tenantId(), job.id());
            boolean held = stored.filter(j -> j.status() == TrainingStatus.RUNNING)
                    .flatMap(TrainingJob::lease).filter(l -> l.owner().equals(owner)).isPresent();
            if (held) {
                save(job);
            }
            return held;
        }
    }

    static final class Curves implements ForgettingCurveRepository {
        private final Map<TenantId, Map<String, StoredCurve>> curves = new HashMap<>();

        @Override
        public synchronized void save(TenantId tenantId, StoredCurve curve) {
            requireScope(curve.scope());
            curves.computeIfAbsent(tenantId, t -> new TreeMap<>()).put(curve.scope(), curve);
        }

        @Override
        public synchronized Optional<StoredCurve> find(TenantId tenantId, String scope) {
            requireScope(scope);
            return Optional.ofNullable(curves.getOrDefault(tenantId, Map.of()).get(scope));
        }

        private static void requireScope(String scope) {
            if (scope == null || scope.isBlank() || scope.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("scope must be non-blank without spaces, got: " + scope);
            }
        }

        synchronized void erase(TenantId tenantId, String scope) {
            curves.getOrDefault(tenantId, new TreeMap<>()).remove(scope);
        }

        @Override
        public synchronized List<StoredCurve> list(TenantId tenantId) {
            return List.copyOf(curves.getOrDefault(tenantId, Map.of()).values());
        }
    }
}
