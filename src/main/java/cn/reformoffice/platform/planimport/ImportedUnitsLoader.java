package cn.reformoffice.platform.planimport;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.organization.OrganizationDirectory;

/**
 * At start-up, makes the units that earlier imports created (Camunda groups of type
 * {@value ImportedUnits#GROUP_TYPE}) known to the directory again, unless the organization file now
 * lists them. Idempotent; groups of the former type {@value ImportedUnits#FORMER_GROUP_TYPE} get the current one.
 */
@Component
@Order(30)
class ImportedUnitsLoader extends AbstractProcessEnginePlugin {

    private final OrganizationDirectory directory;

    ImportedUnitsLoader(OrganizationDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        IdentityService identity = engine.getIdentityService();
        // units imported by earlier versions carry a technical type: Admin shows them as 单位（导入）
        for (Group former : identity.createGroupQuery().groupType(ImportedUnits.FORMER_GROUP_TYPE).list()) {
            former.setType(ImportedUnits.GROUP_TYPE);
            identity.saveGroup(former);
        }
        for (Group group : identity.createGroupQuery().groupType(ImportedUnits.GROUP_TYPE).list()) {
            if (directory.findUnit(group.getId()).isEmpty() && directory.findUnit(group.getName()).isEmpty()) {
                directory.addRuntimeUnit(group.getId(), group.getName());
            }
        }
    }
}
