package cn.reformoffice.platform.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Authorization checks use the user's groups as they are, without first reading every group id that holds an
 * authorization. Camunda 7.24 narrows the groups of each authorization check to those that appear in
 * ACT_RU_AUTHORIZATION, by {@code SELECT distinct(GROUP_ID_) FROM ACT_RU_AUTHORIZATION} once per command: a
 * scan of the whole table, which grows with every reform task (each holds about six authorization rows), and a
 * Tasklist list runs eight commands. At 10,000 open tasks that was 9–66 ms per command, more than the task
 * query itself (camunda/camunda-bpm-platform#5485; CIBSeven and Operaton skip it the same way below a
 * threshold).
 * <p>
 * The checks decide the same: a group is only ever used in {@code A.GROUP_ID_ IN (…)} of the authorization
 * queries, where a group without authorization rows matches no row whether it is listed or not. Users with
 * more than {@value #MAX_GROUPS} groups keep Camunda's narrowing (a long IN list costs more than the scan).
 */
@Component
@Order(5)
class AuthenticatedGroupsAsGiven extends AbstractProcessEnginePlugin {

    static final int MAX_GROUPS = 50;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<SessionFactory> factories = configuration.getCustomSessionFactories() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomSessionFactories());
        factories.add(new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return AuthorizationManager.class;
            }

            @Override
            public Session openSession() {
                return new GroupsAsGivenAuthorizationManager();
            }
        });
        configuration.setCustomSessionFactories(factories);
    }

    /** Camunda's authorization manager (command scoped), but for the narrowing of the groups. */
    static class GroupsAsGivenAuthorizationManager extends AuthorizationManager {

        @Override
        public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
            if (authenticatedGroupIds == null || authenticatedGroupIds.size() > MAX_GROUPS) {
                return super.filterAuthenticatedGroupIds(authenticatedGroupIds);
            }
            return new ArrayList<>(authenticatedGroupIds.stream().filter(Objects::nonNull)
                    .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
        }
    }
}
