package cn.reformoffice.platform.security.account;

import java.util.Objects;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

import cn.reformoffice.platform.security.SecurityAudit;

/**
 * Camunda's database identity provider with two account rules that authorizations alone cannot express:
 * <ul>
 * <li>a user acting on their own account (and not an admin) may change the password and nothing else —
 * a changed id, name or e-mail is refused as an authorization failure (403 on both REST APIs);</li>
 * <li>a user who has no password yet (listed in the organization file, waiting for an admin to set one)
 * simply fails to log in, instead of the engine failing on the missing hash (which answered 500).</li>
 * </ul>
 */
public class ReformIdentityProvider extends DbIdentityServiceProvider {

    static final String OWN_PROFILE_REFUSED = "您只能修改自己的登录密码；姓名、邮箱等账号信息由系统管理员维护。";

    @Override
    public IdentityOperationResult saveUser(User user) {
        refuseOwnProfileChange((UserEntity) user);
        return super.saveUser(user);
    }

    private void refuseOwnProfileChange(UserEntity user) {
        if (user.getRevision() == 0) {
            return; // a new user: CREATE, which only admins hold
        }
        CommandContext command = Context.getCommandContext();
        Authentication authentication = command.getAuthentication();
        if (authentication == null || !Objects.equals(authentication.getUserId(), user.getId())
                || !command.isAuthorizationCheckEnabled()
                || !command.getProcessEngineConfiguration().isAuthorizationEnabled()
                || command.getAuthorizationManager().isCamundaAdmin(authentication)) {
            return;
        }
        UserEntity stored = findUserById(user.getId());
        if (stored != null && stored != user && (!Objects.equals(stored.getFirstName(), user.getFirstName())
                || !Objects.equals(stored.getLastName(), user.getLastName())
                || !Objects.equals(stored.getEmail(), user.getEmail()))) {
            SecurityAudit.refused(user.getId(), "change of the name or e-mail of one's own account " + user.getId()
                    + " (only the password may be changed)");
            throw new AuthorizationException(OWN_PROFILE_REFUSED);
        }
    }

    @Override
    public boolean checkPassword(String userId, String password) {
        UserEntity user = userId == null ? null : findUserById(userId);
        if (user == null) {
            LoginFailures.note("unknown login name");
            return false;
        }
        if (user.getPassword() == null) {
            LoginFailures.note("account has no password yet (an admin sets it in Camunda Admin)");
            return false;
        }
        if (isUserLocked(user)) {
            LoginFailures.note("account locked after " + user.getAttempts() + " wrong password(s) in a row"
                    + (user.getLockExpirationTime() == null ? " (for good: an admin unlocks it)"
                            : ", until " + user.getLockExpirationTime().toInstant()));
            return false;
        }
        boolean valid = super.checkPassword(userId, password);
        if (!valid) {
            LoginFailures.note("wrong password (" + user.getAttempts() + " in a row)");
        }
        return valid;
    }
}
