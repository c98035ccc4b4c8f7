package io.hindsight.platform.axon;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * Keeps the most recently used aggregates of one type in memory so a command does not re-read every
 * event of its aggregate, but trusts a cached aggregate only while it is still the latest version in
 * the event store (one indexed lookup): another node may have changed it, and a command must never be
 * decided on stale state. Failed commands evict their aggregate (Axon does that on rollback), and a
 * stale write would hit the event store's unique key anyway. An aggregate that a create-if-missing
 * command left without events (so without an id) is not cached.
 *
 * <p>An aggregate is kept at most {@code maxAge}: it holds personal values its events hold sealed, and an erasure
 * changes no event - it destroys the key. Kept for good, an erased account's name and email came back in every
 * command's answer on a node that had it cached; reloaded, they read as erased, as a node's cached keys do within
 * the same time.
 */
public class FreshAggregateCache implements Cache {

    private static final Field VERSION = versionField();

    private final Map<Object, Held> entries;
    private final EventStorageEngine storageEngine;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;

    /** A cached value with the moment it was cached. */
    private record Held(Object value, long since) {}

    public FreshAggregateCache(EventStorageEngine storageEngine, int capacity, Duration maxAge) {
        this(storageEngine, capacity, maxAge, System::nanoTime);
    }

    FreshAggregateCache(EventStorageEngine storageEngine, int capacity, Duration maxAge, LongSupplier nanoTime) {
        this.storageEngine = storageEngine;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
        this.entries = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Held> eldest) {
                return size() > capacity;
            }
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Held held = entries.get(key);
        if (held == null) {
            return null;
        }
        if (nanoTime.getAsLong() - held.since() > maxAgeNanos) {
            entries.remove(key);
            return null;
        }
        if (held.value() instanceof AggregateCacheEntry<?> entry) {
            Optional<Long> latest = storageEngine.lastSequenceNumberFor(key.toString());
            if (latest.isEmpty() || !Objects.equals(latest.get(), versionOf(entry))) {
                entries.remove(key);
                return null;
            }
        }
        return (V) held.value();
    }

    @Override
    public void put(Object key, Object value) {
        if (key == null) {
            return;
        }
        if (value == null) {
            entries.remove(key);
        } else {
            entries.put(key, new Held(value, nanoTime.getAsLong()));
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return key != null && value != null && entries.putIfAbsent(key, new Held(value, nanoTime.getAsLong())) == null;
    }

    @Override
    public boolean remove(Object key) {
        return entries.remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.clear();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        return () -> true;
    }

    private static Long versionOf(AggregateCacheEntry<?> entry) {
        try {
            return (Long) VERSION.get(entry);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field versionField() {
        try {
            Field field = AggregateCacheEntry.class.getDeclaredField("version");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Axon's AggregateCacheEntry no longer has a version", e);
        }
    }
}
