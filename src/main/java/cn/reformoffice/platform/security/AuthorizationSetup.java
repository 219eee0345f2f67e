package cn.reformoffice.platform.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.organization.OrganizationDirectory;

/**
 * The standing Camunda authorizations of the platform, created idempotently at start-up.
 * <ul>
 * <li>everyone: Tasklist, read users and groups (names in Tasklist);</li>
 * <li>units and leaders: read the reform-task definition; instance access is granted per instance
 * when a task starts ({@code GrantInstanceAccessListener}); task access follows candidate groups;</li>
 * <li>office: Cockpit, read everything of reform-task, start and update instances; watch and
 * retry the reminder process (task-reminders);</li>
 * <li>admins (camunda-admin): everything.</li>
 * </ul>
 */
@Component
@Order(20)
class AuthorizationSetup extends AbstractProcessEnginePlugin {

    static final String PROCESS_KEY = "reform-task";

    private final OrganizationDirectory directory;

    AuthorizationSetup(OrganizationDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        AuthorizationService auth = engine.getAuthorizationService();

        for (Resources resource : Resources.values()) {
            grant(auth, OrganizationDirectory.ADMIN_GROUP, resource, ANY, Permissions.ALL);
        }

        global(auth, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        global(auth, Resources.USER, ANY, Permissions.READ);
        global(auth, Resources.GROUP, ANY, Permissions.READ);

        String office = directory.officeGroupId();
        grant(auth, office, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(auth, office, Resources.PROCESS_DEFINITION, PROCESS_KEY,
                ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_TASK,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.UPDATE_INSTANCE,
                ProcessDefinitionPermissions.UPDATE_TASK,
                ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE, ProcessDefinitionPermissions.READ_TASK_VARIABLE);
        grant(auth, office, Resources.PROCESS_DEFINITION, "task-reminders",
                ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
                ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.UPDATE_INSTANCE,
                ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE);
        grant(auth, office, Resources.PROCESS_DEFINITION, "reform-summary",
                ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
                ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_TASK,
                ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE, ProcessDefinitionPermissions.READ_TASK_VARIABLE);
        grant(auth, office, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE, Permissions.READ, Permissions.UPDATE);
        // Cockpit's task dashboard (open tasks by unit, 按组统计的指派情况) reads across all tasks
        grant(auth, office, Resources.TASK, ANY, Permissions.READ);
        grant(auth, office, Resources.DEPLOYMENT, ANY, Permissions.READ);
        grant(auth, office, Resources.DECISION_DEFINITION, ANY, Permissions.READ);
        grant(auth, office, Resources.DECISION_DEFINITION, "reminder-rules", Permissions.READ, Permissions.CREATE_INSTANCE);
        grant(auth, office, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);

        grant(auth, OrganizationDirectory.LEADERS_GROUP, Resources.PROCESS_DEFINITION, PROCESS_KEY,
                ProcessDefinitionPermissions.READ);
        directory.units().forEach(unit -> grant(auth, unit.id(), Resources.PROCESS_DEFINITION, PROCESS_KEY,
                ProcessDefinitionPermissions.READ));
    }

    private static void grant(AuthorizationService auth, String groupId, Resource resource, String resourceId,
            Permission... permissions) {
        Authorizations.grantToGroup(auth, groupId, resource, resourceId, permissions);
    }

    private static void global(AuthorizationService auth, Resource resource, String resourceId,
            Permission... permissions) {
        Authorizations.grantToEveryone(auth, resource, resourceId, permissions);
    }
}
