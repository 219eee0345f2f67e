package cn.reformoffice.platform.ledger;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

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

    @GetMapping
    LedgerQuery.Page page(@RequestParam(required = false) Integer year,
            @RequestParam(required = false) String category, @RequestParam(required = false) String leader,
            @RequestParam(required = false) String unit, @RequestParam(required = false) String stage,
            @RequestParam(required = false) String light, @RequestParam(defaultValue = "false") boolean overdue,
            @RequestParam(required = false) String q, @RequestParam(required = false) String sort,
            @RequestParam(required = false) String dir, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        LedgerFilter filter = new LedgerFilter(year, category, leader, unit, stage, light, overdue, q, sort, dir,
                page, size);
        return query.page(checked(filter), scope());
    }

    @GetMapping("/options")
    Map<String, Object> options() {
        return query.options(scope());
    }

    /** Null for the office (everything); the user's id and units otherwise. */
    List<String> scope() {
        return currentUser.isOfficeOrAdmin() ? null : currentUser.parties();
    }

    static LedgerFilter checked(LedgerFilter filter) {
        List<String> problems = filter.problems();
        if (!problems.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "台账查询条件有误：" + String.join("；", problems) + "。");
        }
        return filter;
    }
}
