package cn.reformoffice.platform.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import cn.reformoffice.platform.security.EngineClient.Answer;

/**
 * Who may do what: one row per operation, one expected outcome per role. {@link #check} runs every
 * cell and lists every unexpected allow or deny (not only the first).
 */
final class AuthorizationMatrix {

    /** The roles of a reform task and of the platform, with the demo user who plays each. */
    enum Role {
        ANONYMOUS(null), LEAD_UNIT("fgw1"), CO_LEAD_UNIT("czj1"), COOPERATING_UNIT("kjj1"), UNINVOLVED_UNIT("yshj1"),
        LEAD_LEADER("zhaomingyuan"), OFFICE("office1"), ADMIN("admin");

        final String user;

        Role(String user) {
            this.user = user;
        }
    }

    enum Expect {
        /** 2xx */
        ALLOW(Set.of(200, 201, 204)),
        /** 403, or 404 where the engine does not even confirm that the thing exists */
        DENY(Set.of(403, 404)),
        /** 400: refused as a bad request (an attack shape), for everyone */
        REFUSE(Set.of(400)),
        /** refused one way or another: 400, 403 or 404 */
        REFUSE_OR_DENY(Set.of(400, 403, 404)),
        /** not logged in: 401 (or 403 from the webapps' CSRF check) */
        UNAUTHENTICATED(Set.of(401, 403)),
        /** allowed past every permission check, the request itself may still be wrong (400, 409) */
        PERMITTED(Set.of(200, 201, 204, 400, 409, 415)),
        /** not run for this role */
        SKIP(Set.of());

        final Set<Integer> statuses;

        Expect(Set<Integer> statuses) {
            this.statuses = statuses;
        }
    }

    /** An operation: what it does with a client, given a fresh fixture made for this cell. */
    record Operation(String name, BiFunction<EngineClient, Fixture, Answer> call, Map<Role, Expect> expected,
            boolean webappsOnly, boolean changesState) {
    }

    /** What an operation works on: a reform task (its code), its open 方案制定 task and that task's instance. */
    record Fixture(String code, String taskId, String processInstanceId) {
    }

    private final List<Operation> operations = new ArrayList<>();

    /** A row that reads: every cell shares one fixture. */
    AuthorizationMatrix read(String name, BiFunction<EngineClient, Fixture, Answer> call, Expect anonymous,
            Expect leadUnit, Expect coLead, Expect cooperating, Expect uninvolved, Expect leader, Expect office,
            Expect admin) {
        return add(name, call, false, false, anonymous, leadUnit, coLead, cooperating, uninvolved, leader, office,
                admin);
    }

    /** A row that may change what it works on: every cell gets a fixture of its own. */
    AuthorizationMatrix write(String name, BiFunction<EngineClient, Fixture, Answer> call, Expect anonymous,
            Expect leadUnit, Expect coLead, Expect cooperating, Expect uninvolved, Expect leader, Expect office,
            Expect admin) {
        return add(name, call, false, true, anonymous, leadUnit, coLead, cooperating, uninvolved, leader, office,
                admin);
    }

    /** A read through the webapps' APIs only (Cockpit's plugin API has no /engine-rest twin). */
    AuthorizationMatrix webappsRead(String name, BiFunction<EngineClient, Fixture, Answer> call, Expect anonymous,
            Expect leadUnit, Expect coLead, Expect cooperating, Expect uninvolved, Expect leader, Expect office,
            Expect admin) {
        return add(name, call, true, false, anonymous, leadUnit, coLead, cooperating, uninvolved, leader, office,
                admin);
    }

    private AuthorizationMatrix add(String name, BiFunction<EngineClient, Fixture, Answer> call, boolean webappsOnly,
            boolean changesState, Expect... expects) {
        Map<Role, Expect> expected = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            expected.put(role, expects[role.ordinal()]);
        }
        operations.add(new Operation(name, call, expected, webappsOnly, changesState));
        return this;
    }

    List<Operation> operations() {
        return operations;
    }

    interface Clients {
        EngineClient client(EngineClient.Transport transport, String user);

        Fixture freshFixture();

        Fixture sharedFixture();
    }

    /** Runs every cell with a fresh fixture; the unexpected outcomes, one line each. */
    List<String> check(Clients clients) {
        List<String> failures = new ArrayList<>();
        for (Operation operation : operations) {
            for (EngineClient.Transport transport : EngineClient.Transport.values()) {
                if (operation.webappsOnly() && transport != EngineClient.Transport.WEBAPPS) {
                    continue;
                }
                for (Role role : Role.values()) {
                    Expect expect = operation.expected().get(role);
                    if (expect == Expect.SKIP) {
                        continue;
                    }
                    Answer answer = operation.call().apply(clients.client(transport, role.user),
                            operation.changesState() ? clients.freshFixture() : clients.sharedFixture());
                    if (!expect.statuses.contains(answer.status())) {
                        failures.add(operation.name() + " | " + transport + " | " + role + " expected " + expect
                                + " but got " + answer);
                    }
                }
            }
        }
        return failures;
    }
}
