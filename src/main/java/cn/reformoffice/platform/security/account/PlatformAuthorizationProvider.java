package cn.reformoffice.platform.security.account;

import static org.camunda.bpm.engine.authorization.Resources.USER;

import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityCache;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * Camunda's default authorizations, with two differences:
 * <ul>
 * <li>a new user gets READ and UPDATE on their own account instead of ALL: they may change their password
 * (UPDATE, limited to the password by {@link ReformIdentityProvider}) but not delete the account. Existing rows
 * are brought in line at start-up by {@link AccountSecurityPlugin};</li>
 * <li>the grant for a task's candidate group or user (on the task and on its history) is not looked up in the
 * database when the task is created in the same command: it cannot have one there yet (Camunda asks anyway, a
 * query per candidate, a tenth of a reform task's start). Grants added earlier in the same command are still
 * merged from the command's cache, as Camunda does; the rows written are the same.</li>
 * </ul>
 */
public class PlatformAuthorizationProvider extends DefaultAuthorizationProvider {

    /** What a user holds on their own USER resource. */
    static final Permission[] OWN_ACCOUNT = { Permissions.READ, Permissions.UPDATE };

    @Override
    protected AuthorizationEntity getGrantAuthorizationByGroupId(String groupId, Resource resource, String resourceId) {
        return isTaskOfThisCommand(resource, resourceId) ? null
                : super.getGrantAuthorizationByGroupId(groupId, resource, resourceId);
    }

    @Override
    protected AuthorizationEntity getGrantAuthorizationByUserId(String userId, Resource resource, String resourceId) {
        return isTaskOfThisCommand(resource, resourceId) ? null
                : super.getGrantAuthorizationByUserId(userId, resource, resourceId);
    }

    /**
     * Whether {@code resourceId} is a task (or, with historic instance permissions, its history) inserted by the
     * current command, not yet in the database.
     */
    private static boolean isTaskOfThisCommand(Resource resource, String resourceId) {
        CommandContext command = Context.getCommandContext();
        boolean taskResource = resource.resourceType() == Resources.TASK.resourceType()
                || resource.resourceType() == Resources.HISTORIC_TASK.resourceType();
        if (!taskResource || command == null || resourceId == null) {
            return false;
        }
        DbEntityCache cache = command.getDbEntityManager().getDbEntityCache();
        TaskEntity task = cache.get(TaskEntity.class, resourceId);
        return task != null && cache.isTransient(task);
    }

    @Override
    public AuthorizationEntity[] newUser(User user) {
        return new AuthorizationEntity[] { createGrantAuthorization(user.getId(), null, USER, user.getId(), OWN_ACCOUNT) };
    }
}
