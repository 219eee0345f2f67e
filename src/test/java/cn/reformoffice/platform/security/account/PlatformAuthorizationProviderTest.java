package cn.reformoffice.platform.security.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.task.NewReformTask;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskService;

/**
 * A new task's candidate grants are written without asking the database first, and are the same rows as
 * Camunda's: one per candidate group, which a later candidate of the same group updates instead of duplicating.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:authprovider;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@DirtiesContext
class PlatformAuthorizationProviderTest {

    @Autowired ReformTaskService reformTasks;
    @Autowired TaskService taskService;
    @Autowired AuthorizationService authorizationService;

    @Test
    void aNewTaskGetsOneGrantPerCandidateGroupAndALaterCandidateReusesIt() {
        ReformTask reformTask = reformTasks.createAndStart(new NewReformTask("AUTH-1", 2026, "测试", "授权测试", null, null,
                List.of(), List.of("fgw"), List.of(), LocalDate.of(2026, 12, 31)), "office1");
        Task draft = taskService.createTaskQuery().processInstanceId(reformTask.processInstanceId()).singleResult();
        List<Authorization> grants = grants(draft.getId(), "fgw");
        assertThat(grants).hasSize(1);
        assertThat(grants.get(0).isPermissionGranted(Permissions.READ)).isTrue();
        assertThat(grants.get(0).isPermissionGranted(TaskPermissions.TASK_WORK)).isTrue();
        // with historic instance permissions (application.yml), the same group reads the task's history
        assertThat(historicGrants(draft.getId(), "fgw")).hasSize(1);

        // the task exists now: adding the same group again finds its grant in the database
        taskService.addCandidateGroup(draft.getId(), "fgw");
        assertThat(grants(draft.getId(), "fgw")).hasSize(1);
        taskService.addCandidateGroup(draft.getId(), "czj");
        assertThat(grants(draft.getId(), "czj")).hasSize(1);
        assertThat(grants(draft.getId(), "fgw")).hasSize(1);
        assertThat(historicGrants(draft.getId(), "fgw")).hasSize(1);
        assertThat(historicGrants(draft.getId(), "czj")).hasSize(1);
    }

    private List<Authorization> historicGrants(String taskId, String groupId) {
        return authorizationService.createAuthorizationQuery().resourceType(Resources.HISTORIC_TASK)
                .resourceId(taskId).groupIdIn(groupId).list();
    }

    private List<Authorization> grants(String taskId, String groupId) {
        return authorizationService.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(taskId)
                .groupIdIn(groupId).list();
    }
}
