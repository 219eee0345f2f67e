package cn.reformoffice.platform.dashboard;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import cn.reformoffice.platform.security.CurrentUser;

/**
 * The dashboard's figures (督查督办驾驶舱, /dashboard/index.html) for every logged-in user, in one call: the
 * office sees every task's figures, a leader those of the tasks they lead, a unit those of the tasks it
 * leads, co-leads or cooperates on (the scope of the ledger).
 */
@RestController
@RequestMapping("/api/dashboard")
class DashboardController {

    static final int MIN_YEAR = 2000;
    static final int MAX_YEAR = 2100;

    private final DashboardQuery query;
    private final CurrentUser currentUser;

    DashboardController(DashboardQuery query, CurrentUser currentUser) {
        this.query = query;
        this.currentUser = currentUser;
    }

    /** {@code year}: the plan year, this year (China) when absent. */
    @GetMapping
    DashboardQuery.Dashboard dashboard(@RequestParam(required = false) String year) {
        List<String> scope = currentUser.isOfficeOrAdmin() ? null : currentUser.parties();
        return query.dashboard(year(year), scope);
    }

    static int year(String value) {
        if (value == null || value.isBlank()) {
            return DashboardQuery.today().getYear();
        }
        String trimmed = value.trim();
        if (trimmed.matches("\\d{4}")) {
            int year = Integer.parseInt(trimmed);
            if (year >= MIN_YEAR && year <= MAX_YEAR) {
                return year;
            }
        }
        String shown = trimmed.length() > 20 ? trimmed.substring(0, 20) + "…" : trimmed;
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "年度“" + shown + "”有误：应为 " + MIN_YEAR + " 到 "
                + MAX_YEAR + " 之间的四位数字年份，例如 2026。");
    }
}
