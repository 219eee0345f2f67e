package cn.reformoffice.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.task.NewReformTask;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskService;

/**
 * Authorization checks that take the user's groups as given ({@link AuthenticatedGroupsAsGiven}) decide as
 * Camunda's narrowed groups do: groups without authorizations grant nothing, listed or not; what a group may
 * see it still sees when the user also belongs to groups without authorizations; and past the threshold
 * Camunda's own narrowing applies with the same outcome.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:authenticatedgroupstest;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false",
        "reform.demo.seed-tasks=false" })
@DirtiesContext
class AuthenticatedGroupsAsGivenTest {

    @Autowired ProcessEngine engine;
    @Autowired IdentityService identityService;
    @Autowired TaskService taskService;
    @Autowired RuntimeService runtimeService;
    @Autowired ReformTaskService reformTasks;

    private ReformTask reformTask;
    private String draftPlanTaskId;

    @BeforeEach
    void aTaskOfTheDevelopmentCommissionWithTheFinanceBureauCooperating() {
        reformTask = reformTasks.createAndStart(new NewReformTask(null, 2026, "测试", "授权组测试任务", null, null,
                List.of(), List.of("fgw"), List.of("kjj"), LocalDate.of(2026, 12, 31)), "office1");
        draftPlanTaskId = taskService.createTaskQuery().processInstanceId(reformTask.processInstanceId())
                .singleResult().getId();
    }

    @AfterEach
    void clear() {
        identityService.clearAuthentication();
        runtimeService.deleteProcessInstance(reformTask.processInstanceId(), "test over");
    }

    @Test
    void theEngineUsesTheAuthorizationManagerThatKeepsTheGroups() {
        Object manager = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
                .execute((Command<Object>) context -> context.getAuthorizationManager());
        assertThat(manager).isInstanceOf(AuthenticatedGroupsAsGiven.GroupsAsGivenAuthorizationManager.class);
    }

    @Test
    void theLeadUnitSeesItsTaskAlsoWhenItsUserBelongsToGroupsWithoutAuthorizations() {
        assertThat(visibleTasks("fgw1", List.of("fgw"))).containsExactly(draftPlanTaskId);
        assertThat(visibleTasks("fgw1", List.of("no-such-group", "fgw", "another-group-without-rows")))
                .containsExactly(draftPlanTaskId);
        assertThat(readable("fgw1", List.of("no-such-group", "fgw"))).isTrue();
    }

    @Test
    void groupsWithoutAuthorizationsGrantNothing() {
        assertThat(visibleTasks("yshj1", List.of("yshj"))).isEmpty();
        assertThat(visibleTasks("yshj1", List.of("yshj", "no-such-group"))).isEmpty();
        assertThat(visibleTasks("mallory", List.of("no-such-group"))).isEmpty();
        assertThat(readable("mallory", List.of("no-such-group"))).isFalse();
        // the cooperating unit reads the process instance, not the lead unit's task
        assertThat(visibleTasks("kjj1", List.of("kjj", "no-such-group"))).isEmpty();
        assertThat(readable("kjj1", List.of("kjj"))).isFalse();
    }

    @Test
    void manyGroupsFallBackToCamundasNarrowingWithTheSameOutcome() {
        List<String> many = new ArrayList<>(IntStream.range(0, AuthenticatedGroupsAsGiven.MAX_GROUPS + 5)
                .mapToObj(i -> "group-without-rows-" + i).toList());
        assertThat(visibleTasks("mallory", many)).isEmpty();
        many.add("fgw");
        assertThat(visibleTasks("fgw1", many)).containsExactly(draftPlanTaskId);
    }

    /** The tasks of the reform task the user finds as Tasklist's 本单位待办 queries (authorization checks on). */
    private List<String> visibleTasks(String userId, List<String> groups) {
        identityService.setAuthentication(userId, groups);
        try {
            return taskService.createTaskQuery().processInstanceId(reformTask.processInstanceId())
                    .taskCandidateGroupIn(groups).includeAssignedTasks().list().stream().map(Task::getId).toList();
        } finally {
            identityService.clearAuthentication();
        }
    }

    /** Whether the user may read the 方案制定 task's variables (a single-entity permission check, not a query). */
    private boolean readable(String userId, List<String> groups) {
        identityService.setAuthentication(userId, groups);
        try {
            return taskService.getVariable(draftPlanTaskId, "taskCode") != null;
        } catch (org.camunda.bpm.engine.AuthorizationException refused) {
            return false;
        } finally {
            identityService.clearAuthentication();
        }
    }
}
