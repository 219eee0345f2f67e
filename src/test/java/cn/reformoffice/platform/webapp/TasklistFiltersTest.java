package cn.reformoffice.platform.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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
 * The Tasklist filters per role, run through the engine as Tasklist runs them (authenticated user,
 * authorization checks on): who sees which filter, and which tasks 即将到期 and 已逾期 list around the
 * 2026 National Day holiday, where "3 working days" spans ten calendar days.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:tasklistfilterstest;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false",
        "reform.demo.seed-tasks=false",
        "reform.tasklist.due-soon-working-days=3" })
@DirtiesContext
class TasklistFiltersTest {

    private static final List<String> UNIT_USER_GROUPS = List.of("fgw");

    @Autowired FilterService filterService;
    @Autowired TaskService taskService;
    @Autowired IdentityService identityService;
    @Autowired AuthorizationService authorizationService;
    @Autowired ReformTaskService reformTasks;
    @Autowired TasklistFilters filtersPlugin;
    @Autowired org.camunda.bpm.engine.ProcessEngine engine;

    @BeforeEach
    void chinaWednesdayBeforeNationalDay() {
        // 2026-09-30 (Wednesday) 10:00 China. Oct 1–7 off, Oct 8 and 9 working, Saturday Oct 10 a make-up
        // working day: 3 working days counted from tomorrow end on Oct 10.
        ClockUtil.setCurrentTime(china(2026, 9, 30, 10));
    }

    @AfterEach
    void reset() {
        identityService.clearAuthentication();
        ClockUtil.reset();
        taskService.createTaskQuery().taskNameLike("筛选测试%").list()
                .forEach(task -> taskService.deleteTask(task.getId(), true));
    }

    @Test
    void eachRoleSeesItsFilters() {
        assertThat(visibleFilters("fgw1", UNIT_USER_GROUPS))
                .containsExactly("本单位待办", "我的待办", "即将到期", "已逾期");
        assertThat(visibleFilters("zhaomingyuan", List.of("leaders")))
                .containsExactly("我的待办", "即将到期", "已逾期", "我领衔的任务");
        assertThat(visibleFilters("office1", List.of("office")))
                .containsExactly("本单位待办", "我的待办", "即将到期", "已逾期", "全部任务", "延期审批");
    }

    @Test
    void filtersAreSortedByDueDateAndShowTheReformTaskVariables() {
        Filter unitTasks = filter("本单位待办");
        assertThat(unitTasks.getProperties().get("variables")).asString()
                .contains("taskCode").contains("任务编号").contains("taskTitle").contains("改革任务")
                .contains("leadUnitName").contains("牵头单位");
        Task later = unitTask("筛选测试 较晚", china(2026, 11, 20, 18));
        Task sooner = unitTask("筛选测试 较早", china(2026, 10, 20, 18));
        Task soonest = unitTask("筛选测试 最早", china(2026, 10, 12, 18));

        assertThat(listAs("fgw1", UNIT_USER_GROUPS, unitTasks)).extracting(Task::getId)
                .containsExactly(soonest.getId(), sooner.getId(), later.getId());
    }

    @Test
    void dueSoonCountsWorkingDaysAcrossTheHolidayAndOverdueListsWhatIsPastDue() {
        assertThat(filter("即将到期").getProperties()).as("the filter says how far it looks ahead")
                .extractingByKey("description").asString().startsWith("3个工作日内到期");
        Task overdue = unitTask("筛选测试 昨天到期", china(2026, 9, 29, 18));
        Task dueToday = unitTask("筛选测试 今天到期", china(2026, 9, 30, 18));
        Task dueOnMakeUpDay = unitTask("筛选测试 调休补班日到期", china(2026, 10, 10, 18));
        Task dueAfterWindow = unitTask("筛选测试 节后第四个工作日到期", china(2026, 10, 12, 18));
        // a reform task of another unit, past due: the office reads the tasks of every reform task
        ReformTask reformTask = reformTasks.createAndStart(new NewReformTask("FLT-1", 2026, "测试", "筛选测试其他单位的改革任务",
                null, null, List.of(), List.of("czj"), List.of(), LocalDate.of(2026, 12, 31)), "office1");
        Task otherUnits = taskService.createTaskQuery().processInstanceId(reformTask.processInstanceId())
                .singleResult();
        taskService.setDueDate(otherUnits.getId(), china(2026, 9, 29, 18));

        assertThat(listAs("fgw1", UNIT_USER_GROUPS, filter("即将到期"))).extracting(Task::getId)
                .containsExactly(dueToday.getId(), dueOnMakeUpDay.getId());
        assertThat(listAs("fgw1", UNIT_USER_GROUPS, filter("已逾期"))).extracting(Task::getId)
                .containsExactly(overdue.getId());
        assertThat(listAs("office1", List.of("office"), filter("已逾期"))).extracting(Task::getId)
                .as("the office reads every reform task's tasks").contains(otherUnits.getId())
                .doesNotContain(dueToday.getId());
        assertThat(listAs("fgw1", UNIT_USER_GROUPS, filter("已逾期"))).extracting(Task::getId)
                .as("a unit does not read other units' tasks").doesNotContain(otherUnits.getId());

        // Next morning the window moves on; the engine clock drives it (the filter evaluates on every read).
        ClockUtil.setCurrentTime(china(2026, 10, 8, 10));
        assertThat(listAs("fgw1", UNIT_USER_GROUPS, filter("即将到期"))).extracting(Task::getId)
                .containsExactly(dueOnMakeUpDay.getId(), dueAfterWindow.getId());
        assertThat(listAs("fgw1", UNIT_USER_GROUPS, filter("已逾期"))).extracting(Task::getId)
                .containsExactly(overdue.getId(), dueToday.getId());
    }

    @Test
    void leadersSeeTheTasksOfTheirReformsAndUnitsCannotOpenTheLeaderOrOfficeFilters() {
        Task ledByZhao = unitTask("筛选测试 赵领衔", china(2026, 10, 20, 18));
        Task notLedByZhao = unitTask("筛选测试 非赵领衔", china(2026, 10, 20, 18));
        Authorization read = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        read.setUserId("zhaomingyuan");
        read.setResource(Resources.TASK);
        read.setResourceId(ledByZhao.getId());
        read.addPermission(Permissions.READ);
        authorizationService.saveAuthorization(read);

        assertThat(listAs("zhaomingyuan", List.of("leaders"), filter("我领衔的任务"))).extracting(Task::getId)
                .contains(ledByZhao.getId()).doesNotContain(notLedByZhao.getId());
        assertThatThrownBy(() -> listAs("fgw1", UNIT_USER_GROUPS, filter("我领衔的任务")))
                .isInstanceOf(AuthorizationException.class);
        assertThatThrownBy(() -> listAs("fgw1", UNIT_USER_GROUPS, filter("全部任务")))
                .isInstanceOf(AuthorizationException.class);
    }

    @Test
    void aRestartLeavesTheFiltersAloneAndRemovesWhatAnEarlierReleaseGranted() {
        // an earlier release let everybody read 全部任务
        Authorization outdated = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
        outdated.setUserId(Authorization.ANY);
        outdated.setResource(Resources.FILTER);
        outdated.setResourceId(filter("全部任务").getId());
        outdated.addPermission(Permissions.READ);
        authorizationService.saveAuthorization(outdated);
        assertThat(visibleFilters("fgw1", UNIT_USER_GROUPS)).contains("全部任务");

        filtersPlugin.postProcessEngineBuild(engine);
        List<String> afterUpgrade = filterAuthorizationIds();
        assertThat(visibleFilters("fgw1", UNIT_USER_GROUPS)).doesNotContain("全部任务");
        assertThat(visibleFilters("office1", List.of("office"))).contains("全部任务");

        filtersPlugin.postProcessEngineBuild(engine);
        assertThat(filterAuthorizationIds()).as("nothing rewritten when nothing changed").isEqualTo(afterUpgrade);
    }

    private List<String> filterAuthorizationIds() {
        return authorizationService.createAuthorizationQuery().resourceType(Resources.FILTER).list().stream()
                .map(Authorization::getId).sorted().toList();
    }

    private List<String> visibleFilters(String userId, List<String> groups) {
        identityService.setAuthentication(userId, groups);
        try {
            return filterService.createFilterQuery().list().stream()
                    .sorted((a, b) -> Integer.compare(priority(a), priority(b))).map(Filter::getName).toList();
        } finally {
            identityService.clearAuthentication();
        }
    }

    private List<Task> listAs(String userId, List<String> groups, Filter filter) {
        identityService.setAuthentication(userId, groups);
        try {
            return filterService.list(filter.getId());
        } finally {
            identityService.clearAuthentication();
        }
    }

    private Filter filter(String name) {
        return filterService.createFilterQuery().filterName(name).singleResult();
    }

    private static int priority(Filter filter) {
        return ((Number) filter.getProperties().get("priority")).intValue();
    }

    private Task unitTask(String name, Date due) {
        return task(name, due, "fgw");
    }

    private Task task(String name, Date due, String candidateGroup) {
        Task task = taskService.newTask();
        task.setName(name);
        task.setDueDate(due);
        taskService.saveTask(task);
        taskService.addCandidateGroup(task.getId(), candidateGroup);
        return task;
    }

    private static Date china(int year, int month, int day, int hour) {
        return Date.from(OffsetDateTime.of(year, month, day, hour, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant());
    }
}
