package cn.reformoffice.platform.security.account;

import static org.camunda.bpm.engine.authorization.Resources.USER;

import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;

/**
 * Camunda's default authorizations, except that a new user gets READ and UPDATE on their own account
 * instead of ALL: they may change their password (UPDATE, limited to the password by
 * {@link ReformIdentityProvider}) but not delete the account. Existing rows are brought in line at
 * start-up by {@link AccountSecurityPlugin}.
 */
public class OwnAccountAuthorizationProvider extends DefaultAuthorizationProvider {

    /** What a user holds on their own USER resource. */
    static final Permission[] OWN_ACCOUNT = { Permissions.READ, Permissions.UPDATE };

    @Override
    public AuthorizationEntity[] newUser(User user) {
        return new AuthorizationEntity[] { createGrantAuthorization(user.getId(), null, USER, user.getId(), OWN_ACCOUNT) };
    }
}
