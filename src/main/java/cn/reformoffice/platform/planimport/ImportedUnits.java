package cn.reformoffice.platform.planimport;

import java.security.SecureRandom;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.security.Authorizations;
import cn.reformoffice.platform.task.ReformTaskService;

/**
 * Creates a unit that a plan names and the organization does not know, when the office asks for it on
 * confirm: a Camunda group (generated alphanumeric id, the Chinese name as name, type
 * {@value #GROUP_TYPE}) that may read the reform-task definition, made known to the directory. Inside the
 * confirm transaction: on rollback the group is gone and the directory forgets it. The office should add
 * the unit to the organization file too (with the same id) to give it aliases, people and reminders.
 */
@Component
class ImportedUnits {

    /** The type of the groups of imported units, as Admin shows it. */
    static final String GROUP_TYPE = "单位（导入）";
    /** Their type before: brought in line at start-up ({@link ImportedUnitsLoader}). */
    static final String FORMER_GROUP_TYPE = "IMPORTED_UNIT";
    private static final Logger LOG = LoggerFactory.getLogger(ImportedUnits.class);
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final OrganizationDirectory directory;
    private final SecureRandom random = new SecureRandom();

    ImportedUnits(IdentityService identity, AuthorizationService authorizations, OrganizationDirectory directory) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.directory = directory;
    }

    /** Creates the unit and returns its id. */
    String create(String name) {
        String id;
        do {
            StringBuilder candidate = new StringBuilder("unit");
            for (int i = 0; i < 6; i++) {
                candidate.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            id = candidate.toString();
        } while (identity.createGroupQuery().groupId(id).count() > 0 || directory.findUnit(id).isPresent());
        Group group = identity.newGroup(id);
        group.setName(name);
        group.setType(GROUP_TYPE);
        identity.saveGroup(group);
        Authorizations.grantNew(authorizations, null, id, Resources.PROCESS_DEFINITION, ReformTaskService.PROCESS_KEY,
                ProcessDefinitionPermissions.READ);

        directory.addRuntimeUnit(id, name);
        String created = id;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        directory.removeRuntimeUnit(created);
                    }
                }
            });
        }
        LOG.info("Plan import created unit {} ({}); add it to the organization file", id, name);
        return id;
    }
}
