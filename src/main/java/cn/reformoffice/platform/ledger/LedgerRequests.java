package cn.reformoffice.platform.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import cn.reformoffice.platform.security.CurrentUser;

/**
 * How every ledger endpoint reads its query string ({@code GET /api/ledger}, the Excel export, …): the
 * same parameter names as the ledger page's URL, checked in one place, and the same scope.
 * <p>Parameters: {@code year}, {@code category}, {@code leader}, {@code unit}, {@code stage}, {@code light},
 * {@code overdue}, {@code q}, {@code sort}, {@code dir}, {@code page} (default 0), {@code size} (default 50).
 * Anything wrong answers 400 in Chinese, listing every problem.
 */
public final class LedgerRequests {

    private LedgerRequests() {
    }

    /** The filter of a query string (one value per name), sorted by the light when it names no sort. */
    public static LedgerFilter filter(Map<String, String> query) {
        return filter(query, "light");
    }

    /** The filter of a query string; {@code defaultSort} when it names no sort. 400 in Chinese when wrong. */
    public static LedgerFilter filter(Map<String, String> query, String defaultSort) {
        List<String> problems = new ArrayList<>();
        Integer year = integer(query, "year", "年度", null, problems);
        Integer page = integer(query, "page", "页码", 0, problems);
        Integer size = integer(query, "size", "每页条数", LedgerFilter.DEFAULT_PAGE_SIZE, problems);
        boolean overdue = bool(query, "overdue", problems);
        String sort = query.get("sort") == null || query.get("sort").isBlank() ? defaultSort : query.get("sort");
        LedgerFilter filter = new LedgerFilter(year, query.get("category"), query.get("leader"), query.get("unit"),
                query.get("stage"), query.get("light"), overdue, query.get("q"), sort, query.get("dir"),
                page == null ? 0 : page, size == null ? LedgerFilter.DEFAULT_PAGE_SIZE : size);
        problems.addAll(filter.problems());
        if (!problems.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "台账查询条件有误：" + String.join("；", problems) + "。");
        }
        return filter;
    }

    /**
     * Whose tasks a user sees in the ledger and its exports: null for the office and admins (every task);
     * otherwise the user's id and groups, i.e. the tasks they lead (leaders) or lead, co-lead or cooperate on
     * (units).
     */
    public static List<String> scope(CurrentUser user) {
        return user.isOfficeOrAdmin() ? null : user.parties();
    }

    private static Integer integer(Map<String, String> query, String name, String label, Integer fallback,
            List<String> problems) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            problems.add(label + "（" + name + "）应为整数");
            return fallback;
        }
    }

    private static boolean bool(Map<String, String> query, String name, List<String> problems) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            return false;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "on", "yes" -> {
                return true;
            }
            case "false", "0", "off", "no" -> {
                return false;
            }
            default -> {
                problems.add("只看逾期（" + name + "）应为 true 或 false");
                return false;
            }
        }
    }
}
