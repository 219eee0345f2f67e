package cn.reformoffice.platform.reminder;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.security.Authorizations;

/**
 * Standing authorizations of the 延期审批 process ({@code extensionRequest}), created idempotently at start-up:
 * the office reads its definition, instances, history and tasks and works the tasks (it is also the tasks'
 * candidate group); admins have everything anyway. Units and leaders get nothing: they follow their request on
 * {@code /ledger/extensions.html} and in the comments of their own task.
 */
@Component
@Order(25)
class ExtensionProcessSetup extends AbstractProcessEnginePlugin {

    private final OrganizationDirectory directory;

    ExtensionProcessSetup(OrganizationDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        Authorizations.grantToGroup(engine.getAuthorizationService(), directory.officeGroupId(),
                Resources.PROCESS_DEFINITION, ExtensionRequests.PROCESS_KEY,
                ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
                ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_TASK,
                ProcessDefinitionPermissions.UPDATE_TASK, ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
                ProcessDefinitionPermissions.READ_TASK_VARIABLE);
    }
}
