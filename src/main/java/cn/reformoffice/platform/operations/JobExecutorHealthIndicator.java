package cn.reformoffice.platform.operations;

import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code jobExecutor} in {@code /actuator/health} (replaces the Camunda starter's indicator of the same bean name):
 * UP while this node's job executor runs, DOWN when it should run but does not (timers, reminders and their
 * deliveries then wait for another node, or for nobody), UP with "未启用" on a node started with
 * {@code camunda.bpm.job-execution.enabled=false}. Failed jobs and open incidents (all nodes) are details, not a
 * reason for DOWN: they need a person in Cockpit, not a restart; alert on them through the metrics.
 */
@Component("jobExecutorHealthIndicator")
class JobExecutorHealthIndicator extends AbstractHealthIndicator {

    private final EngineStatus status;

    JobExecutorHealthIndicator(EngineStatus status) {
        super("Job executor health check failed");
        this.status = status;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        JobExecutor executor = status.jobExecutor();
        boolean active = status.jobExecutorActive();
        if (active) {
            builder.up().withDetail("active", true).withDetail("message", "作业执行器正在运行");
        } else if (!status.jobExecutionEnabled()) {
            builder.up().withDetail("active", false).withDetail("enabled", false)
                    .withDetail("message", "未启用：本节点不执行作业（camunda.bpm.job-execution.enabled=false）");
        } else {
            builder.down().withDetail("active", false)
                    .withDetail("message", "作业执行器未运行：定时器、提醒和发送不会在本节点执行");
        }
        if (executor != null) {
            builder.withDetail("lockOwner", executor.getLockOwner());
        }
        builder.withDetail("failedJobs", status.failedJobs()).withDetail("openIncidents", status.openIncidents())
                .withDetail("dueJobs", status.dueJobs());
    }
}
