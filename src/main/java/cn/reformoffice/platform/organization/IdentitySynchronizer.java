package cn.reformoffice.platform.organization;

import java.util.List;
import java.util.Objects;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.organization.OrganizationFile.Person;
import cn.reformoffice.platform.security.account.ReformPasswordPolicy;

/**
 * Loads the organization file into Camunda's identity service when the engine starts: units, the
 * office, leaders and admins become groups, people become users. Idempotent: existing users keep
 * their passwords (changed in Admin); names, e-mails and memberships follow the file. Users and
 * groups that are not in the file are left alone.
 * <p>Start-up stops when the file contains passwords where they are not allowed
 * ({@code reform.organization.file-passwords}, only the demo profile) or when the admin password
 * ({@code REFORM_ADMIN_PASSWORD}) does not meet the password policy. Passwords from a demo file are set
 * without the policy (the documented demo password); every other password obeys it.
 */
@Component
@Order(10)
class IdentitySynchronizer extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(IdentitySynchronizer.class);
    /** Group types as Admin shows them: the office, leaders, units, system. */
    static final String TYPE_OFFICE = "改革办";
    static final String TYPE_LEADERS = "领导";
    static final String TYPE_UNIT = "单位";
    static final String TYPE_SYSTEM = "系统";

    private final OrganizationDirectory directory;
    private final OrganizationProperties properties;

    IdentitySynchronizer(OrganizationDirectory directory, OrganizationProperties properties,
            ReformPasswordPolicy passwordPolicy) {
        this.directory = directory;
        this.properties = properties;
        refuseFilePasswords(directory, properties);
        refuseWeakAdminPassword(directory, properties, passwordPolicy);
    }

    private static void refuseFilePasswords(OrganizationDirectory directory, OrganizationProperties properties) {
        if (properties.filePasswords()) {
            return;
        }
        List<String> withPassword = directory.allPeople().stream().filter(person -> person.password() != null)
                .map(Person::id).toList();
        if (!withPassword.isEmpty()) {
            throw new IllegalStateException("组织配置文件 " + properties.file() + " 含有密码（" + String.join("、", withPassword)
                    + "），正式环境不允许在文件中保存密码：请删除这些 password 项；管理员的初始密码由 REFORM_ADMIN_PASSWORD 提供，"
                    + "其他用户的密码由管理员在系统管理中设置。 / The organization file " + properties.file()
                    + " contains passwords (" + String.join(", ", withPassword) + "); outside the demo profile"
                    + " passwords must not be kept in it: remove them (admins get REFORM_ADMIN_PASSWORD, everybody"
                    + " else a password set by an admin in Camunda Admin).");
        }
    }

    private static void refuseWeakAdminPassword(OrganizationDirectory directory, OrganizationProperties properties,
            ReformPasswordPolicy policy) {
        String password = properties.adminPassword();
        if (password == null || password.isEmpty()) {
            return;
        }
        List<Person> admins = directory.admins().isEmpty() ? List.of(new Person("admin", "系统管理员", null, null,
                null, null)) : directory.admins();
        for (Person admin : admins) {
            UserEntity user = new UserEntity(admin.id());
            user.setFirstName(admin.name());
            user.setLastName("(系统管理员)");
            user.setEmail(admin.email());
            List<String> violations = policy.violations(password, user);
            if (!violations.isEmpty()) {
                throw new IllegalStateException("管理员初始密码（REFORM_ADMIN_PASSWORD，reform.organization.admin-password）"
                        + "不符合密码策略：" + String.join("；", violations) + "。要求：" + policy.describe()
                        + "。 / The admin password (REFORM_ADMIN_PASSWORD) does not meet the password policy"
                        + " (login name " + admin.id() + "): set a stronger one.");
            }
        }
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        IdentityService identity = engine.getIdentityService();
        group(identity, directory.officeGroupId(), directory.office().name(), TYPE_OFFICE);
        group(identity, OrganizationDirectory.LEADERS_GROUP, "领衔领导", TYPE_LEADERS);
        group(identity, OrganizationDirectory.ADMIN_GROUP, "系统管理员", TYPE_SYSTEM);
        directory.units().forEach(unit -> group(identity, unit.id(), unit.name(), TYPE_UNIT));

        for (Person leader : directory.leaders()) {
            user(identity, leader, leader.title(), null, false);
            membership(identity, leader.id(), OrganizationDirectory.LEADERS_GROUP);
        }
        for (Person person : directory.people()) {
            user(identity, person, directory.unitName(person.unit()), null, false);
            membership(identity, person.id(), person.unit());
        }
        for (Person admin : directory.admins()) {
            user(identity, admin, "改革任务督办平台", properties.adminPassword(), true);
            membership(identity, admin.id(), OrganizationDirectory.ADMIN_GROUP);
        }
        LOG.info("Organization loaded: {} units, {} leaders, {} people, {} admins", directory.units().size(),
                directory.leaders().size(), directory.people().size(), directory.admins().size());
    }

    private static void group(IdentityService identity, String id, String name, String type) {
        Group group = identity.createGroupQuery().groupId(id).singleResult();
        if (group == null) {
            group = identity.newGroup(id);
        } else if (Objects.equals(group.getName(), name) && Objects.equals(group.getType(), type)) {
            return;
        }
        group.setName(name);
        group.setType(type);
        identity.saveGroup(group);
    }

    /**
     * The webapps show a user as "first name last name" and Admin asks for both: first name = the full name
     * (姓名, "张伟"), last name = the unit or title (Admin's 单位或职务, "市发展改革委"), so "张伟 市发展改革委".
     * Users written by earlier versions ("(市发展改革委)") are brought in line.
     */
    private static void user(IdentityService identity, Person person, String affiliation, String fallbackPassword,
            boolean passwordRequired) {
        String lastName = affiliation == null ? "" : affiliation.strip();
        User user = identity.createUserQuery().userId(person.id()).singleResult();
        if (user == null) {
            user = identity.newUser(person.id());
            String password = person.password() != null ? person.password() : fallbackPassword;
            if (password == null || password.isBlank()) {
                if (passwordRequired) {
                    throw new IllegalStateException("Admin " + person.id()
                            + " has no password: set REFORM_ADMIN_PASSWORD (reform.organization.admin-password)");
                }
                LOG.warn("User {} created without password; an admin sets it in Camunda Admin", person.id());
            } else {
                user.setPassword(password);
            }
            user.setFirstName(person.name());
            user.setLastName(lastName);
            user.setEmail(person.email());
            // a demo file's documented demo password is set as it is; every other password obeys the policy
            ((IdentityServiceImpl) identity).saveUser(user, person.password() != null);
            return;
        } else if (Objects.equals(user.getFirstName(), person.name())
                && Objects.equals(user.getLastName(), lastName)
                && Objects.equals(user.getEmail(), person.email())) {
            return;
        }
        user.setFirstName(person.name());
        user.setLastName(lastName);
        user.setEmail(person.email());
        identity.saveUser(user);
    }

    private static void membership(IdentityService identity, String userId, String groupId) {
        if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
            identity.createMembership(userId, groupId);
        }
    }
}
