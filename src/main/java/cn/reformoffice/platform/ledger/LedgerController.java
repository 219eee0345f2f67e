package cn.reformoffice.platform.ledger;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.reformoffice.platform.security.CurrentUser;

/**
 * The ledger (工作台账) over REST, for every logged-in user: the office sees every task, a leader the
 * tasks they lead, a unit the tasks it leads, co-leads or cooperates on.
 */
@RestController
@RequestMapping("/api/ledger")
class LedgerController {

    private final LedgerQuery query;
    private final CurrentUser currentUser;

    LedgerController(LedgerQuery query, CurrentUser currentUser) {
        this.query = query;
        this.currentUser = currentUser;
    }

    /** The query string as {@link LedgerRequests#filter(Map)} reads it (shared with the exports). */
    @GetMapping
    LedgerQuery.Page page(@RequestParam Map<String, String> query) {
        return this.query.page(LedgerRequests.filter(query), scope());
    }

    @GetMapping("/options")
    Map<String, Object> options() {
        return query.options(scope());
    }

    /** Null for the office (everything); the user's id and units otherwise. */
    List<String> scope() {
        return LedgerRequests.scope(currentUser);
    }
}
