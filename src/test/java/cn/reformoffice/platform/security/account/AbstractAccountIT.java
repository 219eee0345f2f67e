package cn.reformoffice.platform.security.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Accounts and passwords through every way in: {@code /engine-rest} (HTTP Basic), the webapps' own API
 * (session and XSRF token) and the engine's Java API as the user; the demo organization's users with
 * their demo password. Subclasses choose the database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false",
        // this class fails many logins on purpose from one address; LoginThrottleIT covers the address limit
        "reform.security.login.address-max-failures=100000", "reform.security.login.delay-max=20s" })
@DirtiesContext
abstract class AbstractAccountIT {

    static final String STRONG = "Gaige#2026plan";
    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };

    @Autowired TestRestTemplate rest;
    @Autowired ProcessEngine engine;
    @Autowired IdentityService identity;
    @Autowired AuthorizationService authorizations;
    @Autowired ApplicationContext context;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
        identity.clearAuthentication();
    }

    // 5. accounts ---------------------------------------------------------------------------------------

    @Test
    void aUserCannotRenameOrDeleteTheirOwnAccountThroughEngineRest() {
        ResponseEntity<Map<String, Object>> rename = rest.withBasicAuth("fgw1", "demo").exchange(
                "/engine-rest/user/fgw1/profile", HttpMethod.PUT,
                new HttpEntity<>(Map.of("id", "fgw1", "firstName", "刘洋", "lastName", "(市委改革办)")), MAP);
        assertThat(rename.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat((String) rename.getBody().get("message")).containsPattern("\\p{IsHan}");

        ResponseEntity<String> delete = rest.withBasicAuth("fgw1", "demo").exchange("/engine-rest/user/fgw1",
                HttpMethod.DELETE, null, String.class);
        assertThat(delete.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        User fgw1 = identity.createUserQuery().userId("fgw1").singleResult();
        assertThat(fgw1).isNotNull();
        assertThat(fgw1.getFirstName()).isEqualTo("张伟");
        assertThat(fgw1.getLastName()).isEqualTo("市发展改革委");
        // and the engine offers neither in the user's options
        ResponseEntity<String> options = rest.withBasicAuth("fgw1", "demo").exchange("/engine-rest/user/fgw1",
                HttpMethod.OPTIONS, null, String.class);
        assertThat(options.getBody()).doesNotContain("\"delete\"");
    }

    @Test
    void aUserCannotRenameOrDeleteTheirOwnAccountThroughTheWebappsApi() {
        WebappSession session = WebappSession.loggedIn(rest, "yshj1", "demo");
        ResponseEntity<String> profile = session.exchange(HttpMethod.GET, WebappSession.ENGINE_API
                + "/user/yshj1/profile", null);
        assertThat(profile.getStatusCode()).as(profile.getBody()).isEqualTo(HttpStatus.OK);

        ResponseEntity<String> rename = session.exchange(HttpMethod.PUT, WebappSession.ENGINE_API
                + "/user/yshj1/profile", Map.of("id", "yshj1", "firstName", "刘洋", "lastName", "(市委改革办)",
                        "email", "office1@demo.reform.local"));
        assertThat(rename.getStatusCode()).as(rename.getBody()).isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<String> delete = session.exchange(HttpMethod.DELETE, WebappSession.ENGINE_API
                + "/user/yshj1", null);
        assertThat(delete.getStatusCode()).as(delete.getBody()).isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<String> weak = session.exchange(HttpMethod.PUT, WebappSession.ENGINE_API
                + "/user/yshj1/credentials", Map.of("password", "1", "authenticatedUserPassword", "demo"));
        assertThat(weak.getStatusCode()).as(weak.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(weak.getBody()).contains("密码不符合安全要求");

        User yshj1 = identity.createUserQuery().userId("yshj1").singleResult();
        assertThat(yshj1.getFirstName()).isEqualTo("周强");
        assertThat(identity.checkPassword("yshj1", "demo")).isTrue();
    }

    @Test
    void theJavaApiAsTheUserRefusesRenameAndDeleteButChangesThePassword() {
        createUser("java1", STRONG);
        identity.setAuthentication("java1", List.of());
        User own = identity.createUserQuery().userId("java1").singleResult();
        own.setFirstName("刘洋");
        assertThatThrownBy(() -> identity.saveUser(own)).isInstanceOf(AuthorizationException.class);
        User ownAgain = identity.createUserQuery().userId("java1").singleResult();
        ownAgain.setEmail("office1@demo.reform.local");
        assertThatThrownBy(() -> identity.saveUser(ownAgain)).isInstanceOf(AuthorizationException.class);
        assertThatThrownBy(() -> identity.deleteUser("java1")).isInstanceOf(AuthorizationException.class);

        User password = identity.createUserQuery().userId("java1").singleResult();
        password.setPassword("abc");
        assertThatThrownBy(() -> identity.saveUser(password)).isInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("密码不符合安全要求");
        password.setPassword("Another#Pass42");
        identity.saveUser(password);
        identity.clearAuthentication();

        User stored = identity.createUserQuery().userId("java1").singleResult();
        assertThat(stored.getFirstName()).isEqualTo("测试");
        assertThat(stored.getEmail()).isNull();
        assertThat(identity.checkPassword("java1", "Another#Pass42")).isTrue();
    }

    @Test
    void ownAccountGrantsAreReadAndUpdateAndOldAllGrantsAreLimitedAtStartUp() {
        assertThat(ownGrant("fgw1").isPermissionGranted(Permissions.READ)).isTrue();
        assertThat(ownGrant("fgw1").isPermissionGranted(Permissions.UPDATE)).isTrue();
        assertThat(ownGrant("fgw1").isPermissionGranted(Permissions.DELETE)).isFalse();

        // a database written before: Camunda's default gave the user ALL on their own account
        createUser("legacy1", STRONG);
        Authorization legacy = ownGrant("legacy1");
        legacy.setPermissions(new Permissions[] { Permissions.ALL });
        authorizations.saveAuthorization(legacy);
        assertThat(ownGrant("legacy1").isPermissionGranted(Permissions.DELETE)).isTrue();

        AccountSecurityPlugin startUp = context.getBean(AccountSecurityPlugin.class);
        startUp.postProcessEngineBuild(engine);
        Authorization limited = ownGrant("legacy1");
        assertThat(limited.isPermissionGranted(Permissions.DELETE)).isFalse();
        assertThat(limited.isPermissionGranted(Permissions.UPDATE)).isTrue();
        assertThat(limited.isPermissionGranted(Permissions.READ)).isTrue();
        assertThat(AccountSecurityPlugin.limitOwnAccountAuthorizations(authorizations)).as("idempotent").isZero();
        assertThat(rest.withBasicAuth("legacy1", STRONG).exchange("/engine-rest/user/legacy1", HttpMethod.DELETE,
                null, String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void adminsStillManageAccounts() {
        ResponseEntity<String> created = rest.withBasicAuth("admin", "demo").postForEntity("/engine-rest/user/create",
                Map.of("profile", Map.of("id", "managed1", "firstName", "王五", "lastName", "(市科技局)"),
                        "credentials", Map.of("password", STRONG)), String.class);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.NO_CONTENT);

        ResponseEntity<String> renamed = rest.withBasicAuth("admin", "demo").exchange(
                "/engine-rest/user/managed1/profile", HttpMethod.PUT,
                new HttpEntity<>(Map.of("id", "managed1", "firstName", "王六", "lastName", "(市科技局)")), String.class);
        assertThat(renamed.getStatusCode()).as(renamed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(identity.createUserQuery().userId("managed1").singleResult().getFirstName()).isEqualTo("王六");

        ResponseEntity<String> weak = rest.withBasicAuth("admin", "demo").exchange(
                "/engine-rest/user/managed1/credentials", HttpMethod.PUT,
                new HttpEntity<>(Map.of("password", "12345678", "authenticatedUserPassword", "demo")), String.class);
        assertThat(weak.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<String> reset = rest.withBasicAuth("admin", "demo").exchange(
                "/engine-rest/user/managed1/credentials", HttpMethod.PUT,
                new HttpEntity<>(Map.of("password", "Reset#Pass2026", "authenticatedUserPassword", "demo")),
                String.class);
        assertThat(reset.getStatusCode()).as(reset.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(identity.checkPassword("managed1", "Reset#Pass2026")).isTrue();

        ResponseEntity<String> deleted = rest.withBasicAuth("admin", "demo").exchange("/engine-rest/user/managed1",
                HttpMethod.DELETE, null, String.class);
        assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(identity.createUserQuery().userId("managed1").count()).isZero();
    }

    // 6. passwords and lock-out ---------------------------------------------------------------------------

    @Test
    void anAdminCannotCreateAUserWithAWeakPassword() {
        // too short, one class, two classes, four classes but short, the login name in it (any case)
        for (String weak : List.of("1", "abcdefghij", "Abcdefghij", "Xweak1!", "WEAK1-abcdef")) {
            ResponseEntity<Map<String, Object>> refused = rest.withBasicAuth("admin", "demo").exchange(
                    "/engine-rest/user/create", HttpMethod.POST, new HttpEntity<>(Map.of(
                            "profile", Map.of("id", "weak1", "firstName", "赵六", "lastName", "(市财政局)"),
                            "credentials", Map.of("password", weak))), MAP);
            assertThat(refused.getStatusCode()).as(weak).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat((String) refused.getBody().get("message")).contains("密码不符合安全要求", "至少 8 位");
            assertThat(identity.createUserQuery().userId("weak1").count()).isZero();
        }
        ResponseEntity<String> strong = rest.withBasicAuth("admin", "demo").postForEntity("/engine-rest/user/create",
                Map.of("profile", Map.of("id", "weak1", "firstName", "赵六", "lastName", "(市财政局)"),
                        "credentials", Map.of("password", "zhaoliu-2026")), String.class);
        assertThat(strong.getStatusCode()).as("three classes: lower case, digits, other").isEqualTo(HttpStatus.NO_CONTENT);
        ResponseEntity<String> policy = rest.withBasicAuth("admin", "demo").getForEntity(
                "/engine-rest/identity/password-policy", String.class);
        assertThat(policy.getBody()).contains("PASSWORD_POLICY_LENGTH", "PASSWORD_POLICY_CHARACTER_CLASSES",
                "PASSWORD_POLICY_USER_DATA", "\"minClasses\":\"3\"", "\"minLength\":\"8\"");
    }

    @Test
    void aUserChangesTheirOwnPasswordOnlyToAStrongOne() {
        ResponseEntity<Map<String, Object>> weak = changeOwnPassword("kjj1", "demo", "1");
        assertThat(weak.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) weak.getBody().get("message")).contains("密码不符合安全要求");
        assertThat(changeOwnPassword("kjj1", "demo", "kjj1#Secure2026").getStatusCode())
                .as("contains the login name").isEqualTo(HttpStatus.BAD_REQUEST);

        assertThat(changeOwnPassword("kjj1", "demo", STRONG).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(rest.withBasicAuth("kjj1", STRONG).getForEntity("/engine-rest/user/kjj1/profile", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(WebappSession.login(rest, "kjj1", STRONG).getStatusCode()).isEqualTo(HttpStatus.OK);
        // the old password no longer works
        assertThat(rest.withBasicAuth("kjj1", "demo").getForEntity("/engine-rest/user/kjj1/profile", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void wrongPasswordsDelayButNeverLockAnAccountForGood() {
        createUser("guessed1", STRONG);
        Date now = new Date();
        ClockUtil.setCurrentTime(now);
        for (int attempt = 1; attempt <= 15; attempt++) {
            ResponseEntity<Map<String, Object>> wrong = rest.withBasicAuth("guessed1", "Wrong#Pass" + attempt)
                    .exchange("/engine-rest/user/guessed1/profile", HttpMethod.GET, null, MAP);
            assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat((String) wrong.getBody().get("message")).contains("用户名或密码错误");
            now = new Date(now.getTime() + Duration.ofSeconds(21).toMillis());
            ClockUtil.setCurrentTime(now);
        }
        // the lock after a wrong password: even the right one is refused until it lifts
        assertThat(rest.withBasicAuth("guessed1", "Wrong#Pass").getForEntity("/engine-rest/user/guessed1/profile",
                String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth("guessed1", STRONG).getForEntity("/engine-rest/user/guessed1/profile",
                String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        // 16 wrong passwords later (Camunda alone locked for good after 10), the lock lifts by itself
        ClockUtil.setCurrentTime(new Date(now.getTime() + Duration.ofSeconds(21).toMillis()));
        assertThat(rest.withBasicAuth("guessed1", STRONG).getForEntity("/engine-rest/user/guessed1/profile",
                String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(WebappSession.login(rest, "guessed1", STRONG).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    // 8. a user without password ----------------------------------------------------------------------------

    @Test
    void aUserWithoutPasswordGetsAChineseRefusalNotAServerError() {
        ResponseEntity<String> created = rest.withBasicAuth("admin", "demo").postForEntity("/engine-rest/user/create",
                Map.of("profile", Map.of("id", "nopass1", "firstName", "孙七", "lastName", "(市民政局)")), String.class);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.NO_CONTENT);

        ResponseEntity<Map<String, Object>> basic = rest.withBasicAuth("nopass1", "anything").exchange(
                "/engine-rest/task", HttpMethod.GET, null, MAP);
        assertThat(basic.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat((String) basic.getBody().get("message")).contains("尚未设置密码");
        ResponseEntity<Map<String, Object>> api = rest.withBasicAuth("nopass1", "anything").exchange("/api/tasks",
                HttpMethod.GET, null, MAP);
        assertThat(api.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat((String) api.getBody().get("message")).contains("尚未设置密码");

        ResponseEntity<String> webapp = WebappSession.login(rest, "nopass1", "anything");
        assertThat(webapp.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(webapp.getBody()).contains("尚未设置密码");
        ResponseEntity<String> empty = WebappSession.login(rest, "nopass1", "");
        assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    // helpers --------------------------------------------------------------------------------------------

    private ResponseEntity<Map<String, Object>> changeOwnPassword(String user, String current, String newPassword) {
        return rest.withBasicAuth(user, current).exchange("/engine-rest/user/" + user + "/credentials",
                HttpMethod.PUT, new HttpEntity<>(Map.of("password", newPassword, "authenticatedUserPassword", current)),
                MAP);
    }

    private void createUser(String id, String password) {
        User user = identity.newUser(id);
        user.setFirstName("测试");
        user.setLastName("(市科技局)");
        user.setPassword(password);
        identity.saveUser(user);
    }

    private Authorization ownGrant(String userId) {
        return authorizations.createAuthorizationQuery().userIdIn(userId).resourceType(Resources.USER)
                .resourceId(userId).singleResult();
    }
}
