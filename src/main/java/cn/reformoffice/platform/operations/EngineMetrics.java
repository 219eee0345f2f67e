package cn.reformoffice.platform.operations;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.management.Metrics;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The engine's metrics at {@code /actuator/prometheus} (README, "Operating in production"):
 * <ul>
 * <li>this node's job executor, counted since the node started: {@code reform_jobs_acquisition_attempts_total},
 * {@code reform_jobs_acquired_total}, {@code reform_jobs_acquisition_conflicts_total} (jobs another node locked
 * first), {@code reform_jobs_executed_total{outcome="succeeded|failed"}} (every failed attempt, retried or not),
 * {@code reform_jobs_rejected_total} (the executor's queue was full), {@code reform_job_executor_active}
 * (1 or 0);</li>
 * <li>the shared database, the same on every node: {@code reform_jobs_failed} (retries used up: an incident),
 * {@code reform_incidents_open}, {@code reform_jobs_due} (due now, not yet done),
 * {@code reform_history_cleanup_removed_total{kind}} (Camunda's own record of what history cleanup removed).</li>
 * </ul>
 */
@Component
class EngineMetrics implements MeterBinder {

    private static final Map<String, String> CLEANUP_KINDS = Map.of(
            "process-instances", Metrics.HISTORY_CLEANUP_REMOVED_PROCESS_INSTANCES,
            "decision-instances", Metrics.HISTORY_CLEANUP_REMOVED_DECISION_INSTANCES,
            "batch-operations", Metrics.HISTORY_CLEANUP_REMOVED_BATCH_OPERATIONS);

    private final EngineMetricsRegistry totals;
    private final EngineStatus status;
    private final ManagementService management;

    EngineMetrics(EngineMetricsPlugin plugin, EngineStatus status, ManagementService management) {
        this.totals = plugin.registry();
        this.status = status;
        this.management = management;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        nodeCounter(registry, "reform.jobs.acquisition.attempts", Metrics.JOB_ACQUISITION_ATTEMPT,
                "Job acquisition runs of this node's job executor");
        nodeCounter(registry, "reform.jobs.acquired", Metrics.JOB_ACQUIRED_SUCCESS,
                "Jobs this node's job executor acquired (locked) for execution");
        nodeCounter(registry, "reform.jobs.acquisition.conflicts", Metrics.JOB_ACQUIRED_FAILURE,
                "Jobs this node tried to lock while another node locked them first");
        FunctionCounter.builder("reform.jobs.executed", totals, t -> t.total(Metrics.JOB_SUCCESSFUL))
                .tag("outcome", "succeeded").description("Job executions on this node").register(registry);
        FunctionCounter.builder("reform.jobs.executed", totals, t -> t.total(Metrics.JOB_FAILED))
                .tag("outcome", "failed").description("Job executions on this node").register(registry);
        nodeCounter(registry, "reform.jobs.rejected", Metrics.JOB_EXECUTION_REJECTED,
                "Jobs this node acquired but could not run because its executor's queue was full");

        Gauge.builder("reform.job.executor.active", status, s -> s.jobExecutorActive() ? 1 : 0)
                .description("1 while this node's job executor runs, 0 when it stopped or is disabled")
                .register(registry);
        Gauge.builder("reform.jobs.failed", status, EngineStatus::failedJobs)
                .description("Jobs whose retries are used up (each has an incident; retry it in Cockpit)")
                .register(registry);
        Gauge.builder("reform.incidents.open", status, EngineStatus::openIncidents)
                .description("Open incidents of all process instances").register(registry);
        Gauge.builder("reform.jobs.due", status, EngineStatus::dueJobs)
                .description("Jobs due now and not yet done (grows when no node executes jobs)").register(registry);

        // Camunda writes these to its meter log at once (not through the registry), summed here for all nodes
        CachedValue<Map<String, Long>> removed = new CachedValue<>(Duration.ofMinutes(1),
                () -> CLEANUP_KINDS.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        entry -> management.createMetricsQuery().name(entry.getValue()).sum())));
        for (String kind : CLEANUP_KINDS.keySet()) {
            FunctionCounter.builder("reform.history.cleanup.removed", removed, r -> r.get().get(kind))
                    .tag("kind", kind).description("What history cleanup removed, all nodes (Camunda's meter log)")
                    .register(registry);
        }
    }

    private void nodeCounter(MeterRegistry registry, String name, String camundaMetric, String description) {
        FunctionCounter.builder(name, totals, t -> t.total(camundaMetric)).description(description)
                .register(registry);
    }
}
