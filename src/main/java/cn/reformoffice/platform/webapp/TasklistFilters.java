package cn.reformoffice.platform.webapp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.organization.OrganizationFile.Unit;
import cn.reformoffice.platform.security.Authorizations;

/**
 * The Tasklist filters of the product, kept in step with this class at every start-up (matched by
 * name among the filters without owner; query, properties and who may see them are rewritten), so a
 * new release changes them everywhere. Every filter is sorted by due date and shows the reform task's
 * code, title and primary lead unit; Tasklist shows the due date itself.
 * <ul>
 * <li>本单位待办 — the tasks of the user's groups (unit or office), claimed or not; for the units of the
 * organization file and the office.
 * <li>我的待办 — the tasks assigned to the user (a leader's approvals, a claimed task).
 * <li>即将到期 — tasks the user may see that fall due within
 * {@code reform.tasklist.due-soon-working-days} working days ({@link TasklistDueWindow}).
 * <li>已逾期 — tasks the user may see whose due date has passed.
 * <li>我领衔的任务 — for leaders: every open task of the reform tasks they lead (the tasks they may read).
 * <li>全部任务 — for the office (and administrators): every open task.
 * <li>延期审批 — for the office (and administrators): the units' extension requests waiting for a decision.
 * </ul>
 * What "may see" means is decided by Camunda's authorizations, set per task and instance by the
 * lifecycle listeners.
 */
@Component
@Order(30)
class TasklistFilters extends AbstractProcessEnginePlugin {

    static final String UNIT_TASKS = "本单位待办";
    static final String MY_TASKS = "我的待办";
    static final String DUE_SOON = "即将到期";
    static final String OVERDUE = "已逾期";
    static final String LED_BY_ME = "我领衔的任务";
    static final String ALL_TASKS = "全部任务";
    static final String EXTENSION_DECISIONS = "延期审批";
    /** The process of the office's 延期审批 tasks (ExtensionRequests.PROCESS_KEY). */
    static final String EXTENSION_PROCESS = "extensionRequest";

    /** Who sees a filter in Tasklist. */
    enum Audience {
        EVERYONE, UNITS_AND_OFFICE, LEADERS, OFFICE
    }

    record Spec(String name, int priority, String description, String color, Audience audience, TaskQuery query) {
    }

    private final OrganizationDirectory directory;
    private final int dueSoonWorkingDays;

    TasklistFilters(OrganizationDirectory directory,
            @Value("${reform.tasklist.due-soon-working-days:3}") int dueSoonWorkingDays) {
        this.directory = directory;
        this.dueSoonWorkingDays = dueSoonWorkingDays;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        specs(engine, dueSoonWorkingDays).forEach(spec -> save(engine, spec));
    }

    static List<Spec> specs(ProcessEngine engine, int dueSoonWorkingDays) {
        var tasks = engine.getTaskService();
        return List.of(
                new Spec(UNIT_TASKS, 1, "本单位（或本处室）负责办理的任务，含已认领的", null, Audience.UNITS_AND_OFFICE,
                        tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                                .includeAssignedTasks()),
                new Spec(MY_TASKS, 2, "已分配给我或由我认领的任务", null, Audience.EVERYONE,
                        tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}")),
                new Spec(DUE_SOON, 3, dueSoonWorkingDays + "个工作日内到期、尚未逾期的任务（按工作日历计算，节假日不计）",
                        "#f0ad4e", Audience.EVERYONE,
                        tasks.createTaskQuery().dueAfterExpression("${now()}")
                                .dueBeforeExpression("${" + TasklistDueWindow.BEAN + ".dueSoonLimit()}")),
                new Spec(OVERDUE, 4, "已超过到期日期仍未办结的任务", "#d9534f", Audience.EVERYONE,
                        tasks.createTaskQuery().dueBeforeExpression("${now()}")),
                new Spec(LED_BY_ME, 5, "我领衔的改革任务正在办理的全部环节", null, Audience.LEADERS,
                        tasks.createTaskQuery()),
                new Spec(ALL_TASKS, 6, "全部改革任务正在办理的环节", null, Audience.OFFICE, tasks.createTaskQuery()),
                new Spec(EXTENSION_DECISIONS, 7, "各单位提出、等待市委改革办审批的延期申请", null, Audience.OFFICE,
                        tasks.createTaskQuery().processDefinitionKey(EXTENSION_PROCESS)));
    }

    private void save(ProcessEngine engine, Spec spec) {
        FilterService filters = engine.getFilterService();
        Filter filter = filters.createFilterQuery().filterName(spec.name()).list().stream()
                .filter(f -> f.getOwner() == null).findFirst()
                .orElseGet(() -> filters.newTaskFilter(spec.name()));
        TaskQuery query = spec.query().orderByDueDate().asc().orderByTaskCreateTime().desc();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("description", spec.description());
        properties.put("priority", spec.priority());
        properties.put("refresh", true);
        if (spec.color() != null) {
            properties.put("color", spec.color());
        }
        properties.put("variables", List.of(
                // Tasklist shows the first two on the card and the rest on demand; the title is in the task name
                Map.of("name", "taskCode", "label", "任务编号"),
                Map.of("name", "leadUnitName", "label", "牵头单位"),
                Map.of("name", "taskTitle", "label", "改革任务")));
        filter.setQuery(query);
        filter.setProperties(properties);
        filters.saveFilter(filter);
        grant(engine.getAuthorizationService(), filter.getId(), spec.audience());
    }

    /**
     * Brings the filter's readers in line with its audience: what is missing is granted, what is no
     * longer meant (an earlier release's audience, a unit gone from the organization file) is removed,
     * and a restart with nothing changed writes nothing.
     */
    private void grant(AuthorizationService auth, String filterId, Audience audience) {
        boolean everyone = audience == Audience.EVERYONE;
        List<String> groups = switch (audience) {
            case EVERYONE -> List.of();
            // per group rather than global-minus-leaders: revoke authorizations slow down every query
            case UNITS_AND_OFFICE -> Stream.concat(directory.units().stream().map(Unit::id),
                    Stream.of(directory.officeGroupId())).toList();
            case LEADERS -> List.of(OrganizationDirectory.LEADERS_GROUP);
            case OFFICE -> List.of(directory.officeGroupId(), OrganizationDirectory.ADMIN_GROUP);
        };
        auth.createAuthorizationQuery().resourceType(Resources.FILTER).resourceId(filterId).list().stream()
                .filter(existing -> everyone ? existing.getAuthorizationType() != Authorization.AUTH_TYPE_GLOBAL
                        : existing.getAuthorizationType() != Authorization.AUTH_TYPE_GRANT
                                || !groups.contains(existing.getGroupId()))
                .forEach(unwanted -> auth.deleteAuthorization(unwanted.getId()));
        if (everyone) {
            Authorizations.grantToEveryone(auth, Resources.FILTER, filterId, Permissions.READ);
        } else {
            groups.forEach(group -> Authorizations.grantToGroup(auth, group, Resources.FILTER, filterId,
                    Permissions.READ));
        }
    }
}
