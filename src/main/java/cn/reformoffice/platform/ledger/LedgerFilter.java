package cn.reformoffice.platform.ledger;

import java.util.List;
import java.util.Set;

/**
 * What the ledger shows: the filters a user chose (each optional), the sort and the page. The URL of
 * the ledger page carries the same names, so a link shows the same list.
 */
public record LedgerFilter(Integer year, String category, String leader, String unit, String stage, String light,
        boolean overdue, String q, String sort, String dir, int page, int size) {

    public static final int MAX_PAGE_SIZE = 200;
    /** Entries a page holds unless the query says otherwise (the ledger page's default too, ledger.js). */
    public static final int DEFAULT_PAGE_SIZE = 50;
    static final Set<String> LIGHTS = Set.of("RED", "YELLOW", "GREEN", "CLOSED", "UNASSIGNED");
    static final Set<String> SORTS = Set.of("light", "code", "category", "deadline", "stepDue", "stage", "changed");

    public LedgerFilter {
        category = blankToNull(category);
        leader = blankToNull(leader);
        unit = blankToNull(unit);
        stage = blankToNull(stage);
        light = blankToNull(light);
        q = blankToNull(q);
        sort = blankToNull(sort) == null ? "light" : sort;
        dir = "desc".equalsIgnoreCase(dir) ? "desc" : "asc";
    }

    /** Everything, in the default order: for exports. */
    public static LedgerFilter all() {
        return new LedgerFilter(null, null, null, null, null, null, false, null, null, null, 0, MAX_PAGE_SIZE);
    }

    /** What is wrong with the filter, in words for the user; empty when it is fine. */
    public List<String> problems() {
        List<String> problems = new java.util.ArrayList<>();
        if (light != null && !LIGHTS.contains(light)) {
            problems.add("灯只能是红灯、黄灯、绿灯、已销号或待分配");
        }
        if (stage != null && !isStage(stage)) {
            problems.add("环节取值不正确");
        }
        if (!SORTS.contains(sort)) {
            problems.add("排序方式不正确");
        }
        if (page < 0) {
            problems.add("页码不能为负数");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            problems.add("每页条数应在 1 到 " + MAX_PAGE_SIZE + " 之间");
        }
        if (year != null && (year < 2000 || year > 2100)) {
            problems.add("年度应在 2000 到 2100 之间");
        }
        if (q != null && q.length() > 100) {
            problems.add("搜索词不能超过 100 个字");
        }
        return problems;
    }

    private static boolean isStage(String value) {
        for (cn.reformoffice.platform.task.Stage s : cn.reformoffice.platform.task.Stage.values()) {
            if (s.name().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
