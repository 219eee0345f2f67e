package cn.reformoffice.platform.security.account;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ExceptionUtil;

import cn.reformoffice.platform.security.RefusedException;
import cn.reformoffice.platform.security.SecurityAudit;

/**
 * Camunda's identity service whose password policy refusal is a {@link RefusedException} (a
 * {@link BadUserRequestException}) with a Chinese message saying what the policy demands: 400 on {@code /engine-rest} and on the webapps' API
 * (the engine's own refusal is a plain exception, which both answer with 500 and the engine logs as an
 * error with its stack trace).
 */
public class ReformIdentityService extends IdentityServiceImpl {

    @Override
    public void saveUser(User user, boolean skipPasswordPolicy) {
        try {
            commandExecutor.execute(new PolicyCheckedSaveUserCmd(user, skipPasswordPolicy));
        } catch (ProcessEngineException ex) {
            if (ExceptionUtil.checkConstraintViolationException(ex)) {
                throw new BadUserRequestException("The user already exists", ex);
            }
            throw ex;
        }
    }

    /** Saves a user after checking a new password against the policy, refusing in Chinese. */
    static class PolicyCheckedSaveUserCmd extends SaveUserCmd {

        private static final long serialVersionUID = 1L;

        PolicyCheckedSaveUserCmd(User user, boolean skipPasswordPolicy) {
            super(user, skipPasswordPolicy);
        }

        @Override
        protected Void executeCmd(CommandContext commandContext) {
            if (user instanceof UserEntity entity && shouldCheckPasswordPolicy(commandContext)
                    && !entity.checkPasswordAgainstPolicy()) {
                Authentication by = commandContext.getAuthentication();
                SecurityAudit.refused(by == null ? "system" : by.getUserId(), "new password of user " + user.getId()
                        + ": does not meet the password policy");
                throw RefusedException.badRequest(refusal(commandContext.getProcessEngineConfiguration()
                        .getPasswordPolicy()));
            }
            return super.executeCmd(commandContext);
        }

        private static String refusal(PasswordPolicy policy) {
            String rules = policy instanceof ReformPasswordPolicy reform ? reform.describe()
                    : "密码须符合系统的密码策略";
            return "密码不符合安全要求：" + rules + "。请重新设置。";
        }
    }
}
