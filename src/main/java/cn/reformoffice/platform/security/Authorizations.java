package cn.reformoffice.platform.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GLOBAL;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;

/**
 * Writing Camunda authorizations, the one way the platform does it: standing grants that start-up
 * brings in line idempotently ({@link #grantToGroup}, {@link #grantToEveryone}), and new grants for
 * one process instance or task as it is created ({@link #grantNew}).
 */
public final class Authorizations {

    private Authorizations() {
    }

    /** Makes sure the group holds the permissions on the resource (adds what is missing, nothing else). */
    public static void grantToGroup(AuthorizationService auth, String groupId, Resource resource, String resourceId,
            Permission... permissions) {
        Authorization existing = auth.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
                .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).singleResult();
        ensure(auth, existing, AUTH_TYPE_GRANT, null, groupId, resource, resourceId, permissions);
    }

    /** Makes sure every user holds the permissions on the resource (a global authorization). */
    public static void grantToEveryone(AuthorizationService auth, Resource resource, String resourceId,
            Permission... permissions) {
        Authorization existing = auth.createAuthorizationQuery().authorizationType(AUTH_TYPE_GLOBAL)
                .resourceType(resource).resourceId(resourceId).singleResult();
        ensure(auth, existing, AUTH_TYPE_GLOBAL, ANY, null, resource, resourceId, permissions);
    }

    /**
     * A new grant to a user or a group (the other null), for a resource that has just been created and
     * so holds no authorization for them yet.
     */
    public static void grantNew(AuthorizationService auth, String userId, String groupId, Resource resource,
            String resourceId, Permission... permissions) {
        ensure(auth, null, AUTH_TYPE_GRANT, userId, groupId, resource, resourceId, permissions);
    }

    private static void ensure(AuthorizationService auth, Authorization existing, int type, String userId,
            String groupId, Resource resource, String resourceId, Permission[] permissions) {
        Authorization authorization = existing;
        if (authorization == null) {
            authorization = auth.createNewAuthorization(type);
            authorization.setUserId(userId);
            authorization.setGroupId(groupId);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        } else if (hasAll(authorization, permissions)) {
            return;
        }
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        auth.saveAuthorization(authorization);
    }

    private static boolean hasAll(Authorization authorization, Permission[] permissions) {
        for (Permission permission : permissions) {
            if (!authorization.isPermissionGranted(permission)) {
                return false;
            }
        }
        return true;
    }
}
