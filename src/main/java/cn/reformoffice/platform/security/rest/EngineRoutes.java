package cn.reformoffice.platform.security.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The routes of Camunda's engine REST API that the platform's users need, by role: what Tasklist,
 * Cockpit and the welcome page call for units, leaders and the office (observed in the browser, see
 * docs/security.md), the same on {@code /engine-rest} and on the webapps' engine API. Paths are
 * relative to the engine ({@code /task/{id}/complete}). Admins may call everything; every route not
 * listed here is refused for everyone else.
 */
final class EngineRoutes {

    /** Who may call a route besides admins. */
    enum Audience {
        /** every logged-in user: units, leaders, the office */
        EVERYONE,
        /** the reform office (Cockpit users) */
        OFFICE
    }

    record Route(Set<String> methods, PathPattern pattern, Audience audience, boolean ownUserOnly) {

        boolean matches(String method, PathContainer path) {
            return methods.contains(method) && pattern.matches(path);
        }
    }

    private static final PathPatternParser PARSER = new PathPatternParser();
    private static final Set<String> READ = Set.of("GET", "HEAD");
    private static final Set<String> QUERY = Set.of("GET", "HEAD", "POST");
    private static final Set<String> POST = Set.of("POST");
    private static final Set<String> PUT = Set.of("PUT");

    static final List<Route> ROUTES = new ArrayList<>();

    static {
        // --- everyone: Tasklist, the welcome page, one's own password -------------------------------
        everyone(READ, "/engine", "/version");
        everyone(READ, "/user", "/user/count", "/user/{id}/profile", "/group", "/group/count", "/group/{id}",
                "/identity/groups");
        everyone(QUERY, "/identity/password-policy");
        everyone(POST, "/group"); // a group query sent as POST (Tasklist's and Cockpit's group lists); creating is /group/create
        route(PUT, "/user/{id}/credentials", Audience.EVERYONE, true);
        everyone(READ, "/filter", "/filter/count", "/filter/{id}");
        // Tasklist's filter dialog lists the filter's authorizations (the engine shows only readable ones: none)
        everyone(READ, "/authorization", "/authorization/count");
        everyone(QUERY, "/filter/{id}/list", "/filter/{id}/count", "/filter/{id}/singleResult");
        everyone(QUERY, "/task", "/task/count");
        everyone(READ, "/task/{id}", "/task/{id}/form", "/task/{id}/deployed-form", "/task/{id}/form-variables",
                "/task/{id}/rendered-form", "/task/{id}/variables", "/task/{id}/variables/{name}",
                "/task/{id}/identity-links", "/task/{id}/comment", "/task/{id}/comment/{commentId}");
        everyone(POST, "/task/{id}/claim", "/task/{id}/unclaim", "/task/{id}/complete", "/task/{id}/submit-form",
                "/task/{id}/comment/create");
        everyone(READ, "/process-definition", "/process-definition/count", "/process-definition/{id}",
                "/process-definition/{id}/xml", "/process-definition/{id}/form-variables",
                "/process-definition/key/{key}", "/process-definition/key/{key}/xml");
        everyone(READ, "/history/user-operation", "/history/user-operation/count", "/history/task",
                "/history/task/count", "/history/identity-link-log", "/history/identity-link-log/count",
                "/history/process-instance/{id}", "/history/activity-instance", "/history/activity-instance/count");
        everyone(READ, "/case-definition", "/case-definition/count", "/decision-definition/{id}/xml");
        // the instances of one's reform tasks (the engine shows only those the user may read)
        everyone(READ, "/process-instance", "/process-instance/count", "/process-instance/{id}",
                "/history/process-instance", "/history/process-instance/count");

        // --- the office: Cockpit, and office work in Tasklist ------------------------------------------
        // Reads are checked by the engine's authorizations; attachments go through the platform's rules.
        office(READ, "/**");
        office(POST, "/process-instance", "/process-instance/count", "/history/process-instance",
                "/history/process-instance/count", "/history/activity-instance", "/history/activity-instance/count",
                "/history/variable-instance", "/history/variable-instance/count", "/history/incident",
                "/history/incident/count", "/history/job-log", "/history/job-log/count", "/history/task",
                "/history/task/count", "/history/decision-instance", "/history/decision-instance/count",
                "/history/user-operation", "/history/user-operation/count", "/variable-instance",
                "/variable-instance/count", "/incident", "/incident/count", "/job", "/job/count", "/execution",
                "/execution/count", "/external-task", "/external-task/count", "/process-definition/statistics",
                "/history/process-definition/{id}/statistics");
        office(POST, "/task/{id}/assignee", "/task/{id}/delegate", "/task/{id}/identity-links",
                "/task/{id}/identity-links/delete");
        office(PUT, "/task/{id}");
        office(PUT, "/job/{id}/retries", "/job/{id}/duedate", "/job-definition/{id}/retries",
                "/incident/{id}/annotation", "/external-task/{id}/retries");
        office(POST, "/job/retries", "/job/{id}/execute", "/external-task/retries");
        office(Set.of("DELETE"), "/incident/{id}/annotation");
    }

    private EngineRoutes() {
    }

    private static void everyone(Set<String> methods, String... patterns) {
        for (String pattern : patterns) {
            route(methods, pattern, Audience.EVERYONE, false);
        }
    }

    private static void office(Set<String> methods, String... patterns) {
        for (String pattern : patterns) {
            route(methods, pattern, Audience.OFFICE, false);
        }
    }

    private static void route(Set<String> methods, String pattern, Audience audience, boolean ownUserOnly) {
        ROUTES.add(new Route(methods, PARSER.parse(pattern), audience, ownUserOnly));
    }

    /** Attachments of tasks and process instances: only through the platform's attachment pages. */
    static boolean isAttachment(String path) {
        return ATTACHMENTS.matches(PathContainer.parsePath(path));
    }

    private static final PathPattern ATTACHMENTS = PARSER.parse("/{resource}/{id}/attachment/**");

    static boolean allowed(String method, String path, boolean office, String userId) {
        PathContainer container = PathContainer.parsePath(path);
        for (Route route : ROUTES) {
            if ((route.audience() == Audience.EVERYONE || office) && route.matches(method, container)) {
                if (!route.ownUserOnly()) {
                    return true;
                }
                String id = route.pattern().matchAndExtract(container).getUriVariables().get("id");
                return userId.equals(id);
            }
        }
        return false;
    }
}
