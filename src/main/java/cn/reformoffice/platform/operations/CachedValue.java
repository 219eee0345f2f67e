package cn.reformoffice.platform.operations;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A value read at most once per {@code ttl} (a database count behind a gauge or a health detail), so that
 * Prometheus scrapes and health probes from several places cost one query.
 */
final class CachedValue<T> {

    private final Supplier<T> source;
    private final long ttlNanos;
    private T value;
    private long readAt;
    private boolean read;

    CachedValue(Duration ttl, Supplier<T> source) {
        this.source = source;
        this.ttlNanos = ttl.toNanos();
    }

    synchronized T get() {
        long now = System.nanoTime();
        if (!read || now - readAt >= ttlNanos) {
            value = source.get();
            readAt = now;
            read = true;
        }
        return value;
    }
}
