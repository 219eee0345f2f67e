package cn.reformoffice.platform.security.account;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.GenericManagerFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Accounts and passwords in the engine itself, so every API (both REST APIs, the webapps, Java) obeys:
 * <ul>
 * <li>the password policy ({@link ReformPasswordPolicy}, Camunda's {@code enablePasswordPolicy}) with
 * Chinese refusals ({@link ReformIdentityService});</li>
 * <li>Camunda's login delay per account, lifting by itself after {@code reform.security.login.delay-max}
 * (never locked for good: {@code loginMaxAttempts} is set out of reach);</li>
 * <li>a user holds READ and UPDATE on their own account, not ALL ({@link PlatformAuthorizationProvider}),
 * and may change only the password ({@link ReformIdentityProvider}); rows written by Camunda's default
 * (ALL) in existing databases are brought in line at every start.</li>
 * </ul>
 */
@Component
@Order(5)
class AccountSecurityPlugin extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(AccountSecurityPlugin.class);

    private final ReformPasswordPolicy passwordPolicy;
    private final AccountSecurityProperties.Login login;

    AccountSecurityPlugin(ReformPasswordPolicy passwordPolicy, AccountSecurityProperties properties) {
        this.passwordPolicy = passwordPolicy;
        this.login = properties.login();
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setEnablePasswordPolicy(true);
        configuration.setPasswordPolicy(passwordPolicy);
        configuration.setLoginDelayBase((int) login.delayBase().toSeconds());
        configuration.setLoginDelayFactor(login.delayFactor());
        configuration.setLoginDelayMaxTime((int) login.delayMax().toSeconds());
        configuration.setLoginMaxAttempts(login.maxAttempts());
        configuration.setResourceAuthorizationProvider(new PlatformAuthorizationProvider());
        configuration.setIdentityProviderSessionFactory(new GenericManagerFactory(ReformIdentityProvider.class));
        configuration.setIdentityService(new ReformIdentityService());
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        int changed = limitOwnAccountAuthorizations(engine.getAuthorizationService());
        if (changed > 0) {
            LOG.info("Own-account authorizations of {} users limited to READ and UPDATE", changed);
        }
    }

    /**
     * Every grant a user holds on their own USER resource becomes exactly READ and UPDATE (Camunda's
     * default provider wrote ALL). Idempotent; returns how many rows changed.
     */
    static int limitOwnAccountAuthorizations(AuthorizationService authorizations) {
        int target = 0;
        for (var permission : PlatformAuthorizationProvider.OWN_ACCOUNT) {
            target |= permission.getValue();
        }
        List<Authorization> grants = authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
                .resourceType(Resources.USER).list();
        int changed = 0;
        for (Authorization grant : grants) {
            if (grant.getUserId() == null || !grant.getUserId().equals(grant.getResourceId())) {
                continue;
            }
            if (((AuthorizationEntity) grant).getPermissions() != target) {
                grant.setPermissions(PlatformAuthorizationProvider.OWN_ACCOUNT);
                authorizations.saveAuthorization(grant);
                changed++;
            }
        }
        return changed;
    }
}
