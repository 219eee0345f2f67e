package cn.reformoffice.platform.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** The job executor's health: running, stopped although it should run (DOWN), disabled on purpose. */
class JobExecutorHealthIndicatorTest {

    private final EngineStatus status = mock(EngineStatus.class);
    private final JobExecutorHealthIndicator indicator = new JobExecutorHealthIndicator(status);

    @Test
    void runningIsUpWithTheCountsAsDetails() {
        when(status.jobExecutionEnabled()).thenReturn(true);
        when(status.jobExecutorActive()).thenReturn(true);
        when(status.failedJobs()).thenReturn(2L);
        when(status.openIncidents()).thenReturn(3L);
        Health health = indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("active", true).containsEntry("failedJobs", 2L)
                .containsEntry("openIncidents", 3L);
    }

    @Test
    void stoppedWhileEnabledIsDown() {
        when(status.jobExecutionEnabled()).thenReturn(true);
        when(status.jobExecutorActive()).thenReturn(false);
        Health health = indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("active", false);
        assertThat((String) health.getDetails().get("message")).contains("未运行");
    }

    @Test
    void disabledOnPurposeIsUpAndSaysSo() {
        when(status.jobExecutionEnabled()).thenReturn(false);
        when(status.jobExecutorActive()).thenReturn(false);
        Health health = indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat((String) health.getDetails().get("message")).contains("未启用");
    }
}
