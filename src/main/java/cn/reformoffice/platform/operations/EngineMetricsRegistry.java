package cn.reformoffice.platform.operations;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.camunda.bpm.engine.impl.metrics.MetricsRegistry;

/**
 * Camunda's metrics registry, which also keeps a running total of every occurrence on this node. Camunda's own
 * meters are emptied every time its reporter writes them to ACT_RU_METER_LOG (every 15 minutes, summed over all
 * nodes), so they cannot back a Prometheus counter; these totals only grow, from this node's start.
 * The job executor marks {@code job-acquisition-attempt}, {@code job-acquired-success},
 * {@code job-acquired-failure}, {@code job-successful}, {@code job-failed}, {@code job-execution-rejected}; the
 * history cleanup {@code history-cleanup-removed-*}.
 */
class EngineMetricsRegistry extends MetricsRegistry {

    private final Map<String, LongAdder> totals = new ConcurrentHashMap<>();

    @Override
    public void markOccurrence(String name, long times) {
        super.markOccurrence(name, times);
        totals.computeIfAbsent(name, key -> new LongAdder()).add(times);
    }

    /** How often {@code name} occurred on this node since it started (0 if never). */
    double total(String name) {
        LongAdder total = totals.get(name);
        return total == null ? 0 : total.sum();
    }
}
