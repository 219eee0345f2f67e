package cn.reformoffice.platform.webapp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Tasklist filters created at start-up (by name, idempotently), readable by every user: the
 * user's unit's tasks, the tasks assigned to the user, and all tasks the user may see (for the
 * office: every task). Sorted by due date; the list shows the reform task's code and title.
 */
@Component
@Order(30)
class TasklistFilters extends AbstractProcessEnginePlugin {

    static final String UNIT_TASKS = "本单位待办";
    static final String MY_TASKS = "我的待办";
    static final String ALL_TASKS = "全部任务";

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        var taskService = engine.getTaskService();
        create(engine, UNIT_TASKS, 1, "本单位作为候选的任务（含已认领）",
                taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                        .includeAssignedTasks());
        create(engine, MY_TASKS, 2, "已分配给我的任务",
                taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
        create(engine, ALL_TASKS, 3, "我有权查看的全部任务（改革办可见全部）", taskService.createTaskQuery());
    }

    private static void create(ProcessEngine engine, String name, int priority, String description,
            TaskQuery query) {
        FilterService filters = engine.getFilterService();
        if (filters.createFilterQuery().filterName(name).count() > 0) {
            return;
        }
        query.orderByDueDate().asc().orderByTaskCreateTime().desc();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("description", description);
        properties.put("priority", priority);
        properties.put("refresh", true);
        properties.put("variables", List.of(
                Map.of("name", "taskCode", "label", "任务编号"),
                Map.of("name", "taskTitle", "label", "改革任务")));
        Filter filter = filters.newTaskFilter(name).setQuery(query).setProperties(properties);
        filters.saveFilter(filter);

        AuthorizationService authorizations = engine.getAuthorizationService();
        Authorization read = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
        read.setUserId(Authorization.ANY);
        read.setResource(Resources.FILTER);
        read.setResourceId(filter.getId());
        read.addPermission(Permissions.READ);
        authorizations.saveAuthorization(read);
    }
}
