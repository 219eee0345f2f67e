package cn.reformoffice.platform.lifecycle;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.security.Authorizations;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskService;

/**
 * When a reform task's process starts, lets the parties of that task read its process instance:
 * lead and cooperating units (groups) and lead leaders (users). Nobody else but the office does.
 */
@Component("grantInstanceAccessListener")
class GrantInstanceAccessListener implements ExecutionListener {

    private final ReformTaskService tasks;

    GrantInstanceAccessListener(ReformTaskService tasks) {
        this.tasks = tasks;
    }

    @Override
    public void notify(DelegateExecution execution) {
        ReformTask task = tasks.get(ReformTaskQueries.codeOf(execution));
        AuthorizationService authorizations = execution.getProcessEngineServices().getAuthorizationService();
        List<String> groups = new ArrayList<>(task.leadUnitIds());
        groups.addAll(task.coopUnitIds());
        Context.getCommandContext().runWithoutAuthorization(() -> {
            groups.forEach(group -> save(authorizations, execution.getProcessInstanceId(), group, null));
            task.leaderIds().forEach(user -> save(authorizations, execution.getProcessInstanceId(), null, user));
            return null;
        });
    }

    private static void save(AuthorizationService authorizations, String processInstanceId, String groupId,
            String userId) {
        Authorizations.grantNew(authorizations, userId, groupId, Resources.PROCESS_INSTANCE, processInstanceId,
                Permissions.READ);
    }
}
