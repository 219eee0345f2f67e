package cn.reformoffice.platform.security;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import cn.reformoffice.platform.organization.OrganizationDirectory;

/** The user authenticated for the current request (set by Camunda's authentication filter). */
@Component
public class CurrentUser {

    private final IdentityService identityService;
    private final OrganizationDirectory directory;

    CurrentUser(IdentityService identityService, OrganizationDirectory directory) {
        this.identityService = identityService;
        this.directory = directory;
    }

    public String id() {
        return authentication().getUserId();
    }

    public List<String> groupIds() {
        List<String> groups = authentication().getGroupIds();
        return groups == null ? List.of() : groups;
    }

    /** The user's id and group ids: what a reform task's parties are matched against. */
    public List<String> parties() {
        List<String> parties = new java.util.ArrayList<>(groupIds());
        parties.add(id());
        return parties;
    }

    public boolean isOfficeOrAdmin() {
        List<String> groups = groupIds();
        return groups.contains(directory.officeGroupId()) || groups.contains(OrganizationDirectory.ADMIN_GROUP);
    }

    /** Refuses with 403 unless the user is reform office staff or an admin. */
    public void requireOffice(String action) {
        if (!isOfficeOrAdmin()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "只有市委改革办工作人员或系统管理员可以" + action + "。");
        }
    }

    private Authentication authentication() {
        Authentication authentication = identityService.getCurrentAuthentication();
        if (authentication == null || authentication.getUserId() == null) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "请先登录。");
        }
        return authentication;
    }
}
