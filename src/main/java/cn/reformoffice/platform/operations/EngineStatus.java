package cn.reformoffice.platform.operations;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The engine's work as an operator sees it: whether this node's job executor runs, and (for all nodes: they
 * share the database) failed jobs, open incidents and jobs due now. Counts are read at most once per
 * {@code reform.monitoring.count-cache} (10 s).
 * Queries run on the caller's thread without a Camunda user, so they count everything.
 */
@Component
public class EngineStatus {

    private final ProcessEngineConfigurationImpl configuration;
    private final boolean jobExecutionEnabled;
    private final CachedValue<Long> failedJobs;
    private final CachedValue<Long> openIncidents;
    private final CachedValue<Long> dueJobs;

    EngineStatus(ProcessEngine engine, MonitoringProperties monitoring,
            @Value("${camunda.bpm.job-execution.enabled:true}") boolean jobExecutionEnabled) {
        var ttl = monitoring.countCache();
        this.configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        ManagementService management = engine.getManagementService();
        RuntimeService runtime = engine.getRuntimeService();
        this.jobExecutionEnabled = jobExecutionEnabled;
        // a failed job: its retries are used up (an incident was raised, retry it in Cockpit)
        this.failedJobs = new CachedValue<>(ttl, () -> management.createJobQuery().noRetriesLeft().count());
        this.openIncidents = new CachedValue<>(ttl, () -> runtime.createIncidentQuery().count());
        this.dueJobs = new CachedValue<>(ttl, () -> management.createJobQuery().executable().count());
    }

    /** Whether this node is configured to run jobs ({@code camunda.bpm.job-execution.enabled}). */
    public boolean jobExecutionEnabled() {
        return jobExecutionEnabled;
    }

    /** Whether this node's job executor is running (acquiring and executing jobs). */
    public boolean jobExecutorActive() {
        JobExecutor executor = configuration.getJobExecutor();
        return executor != null && executor.isActive();
    }

    JobExecutor jobExecutor() {
        return configuration.getJobExecutor();
    }

    public long failedJobs() {
        return failedJobs.get();
    }

    public long openIncidents() {
        return openIncidents.get();
    }

    /** Jobs due now and not yet done (retries left, not suspended): a backlog that grows when no node runs jobs. */
    public long dueJobs() {
        return dueJobs.get();
    }
}
