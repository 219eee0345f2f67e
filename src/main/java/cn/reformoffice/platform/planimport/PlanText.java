package cn.reformoffice.platform.planimport;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text helpers shared by the plan and ledger parsers: cleaning, name lists, deadlines, identity keys. */
final class PlanText {

    static final String PLAN_HINT = "年度工作要点应包含“一、……”“（一）……”标题、“1.……”编号的改革任务，"
            + "任务后标注“（牵头单位：……）”；工作台账（.xlsx）应有“改革任务”“牵头单位”等列。";

    private static final Pattern LIST_SEPARATORS = Pattern.compile("[、,，;；/／\\n]+");
    private static final Pattern ISO_DATE = Pattern.compile("(20\\d{2})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");
    private static final Pattern YEAR_MONTH = Pattern.compile("(?:(20\\d{2})\\s*年)?\\s*(\\d{1,2})\\s*月");
    private static final Pattern YEAR_ONLY = Pattern.compile("(20\\d{2})\\s*年");
    private static final Pattern QUARTER = Pattern.compile("([一二三四1-4])\\s*季度");

    private PlanText() {
    }

    /** Trims, turns full-width and no-break spaces into spaces and drops zero-width characters. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        return text.replace('\u3000', ' ').replace('\u00A0', ' ').replaceAll("[\\u200B-\\u200D\\uFEFF]", "")
                .strip();
    }

    static String blankToNull(String text) {
        String cleaned = clean(text);
        return cleaned.isEmpty() ? null : cleaned;
    }

    /** A list of names as written in a plan: separated by 、 (also commas, semicolons, slashes, line breaks). */
    static List<String> names(String text) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        if (text == null) {
            return List.of();
        }
        for (String part : LIST_SEPARATORS.split(text)) {
            String name = clean(part).replaceAll("^[\"“”'‘’]+|[\"“”'‘’。.]+$", "");
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return new ArrayList<>(names);
    }

    /**
     * Identity of a task title across re-imports: width-folded (NFKC), without spaces and punctuation,
     * lower case. "深化政务服务集成改革。" and "深化 政务服务集成改革" are the same task.
     */
    static String titleKey(String title) {
        String folded = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFKC);
        return folded.replaceAll("[\\s\\p{P}\\p{S}]+", "").toLowerCase();
    }

    /** Name key for matching units and leaders: width-folded, without spaces. 各县（区） = 各县(区). */
    static String nameKey(String name) {
        return Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFKC).replaceAll("\\s+", "");
    }

    /**
     * A deadline as offices write it: 2024-06-30, 2024年6月30日, 2024年6月底, 6月底, 二季度, 上半年, 年底.
     * Months and quarters mean their last day. Null when the text names no date.
     */
    static LocalDate deadline(String text, Integer planYear) {
        String value = clean(text);
        if (value.isEmpty()) {
            return null;
        }
        try {
            Matcher iso = ISO_DATE.matcher(value);
            if (iso.find()) {
                return LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
                        Integer.parseInt(iso.group(3)));
            }
            Matcher quarter = QUARTER.matcher(value);
            Integer year = yearIn(value, planYear);
            if (quarter.find() && year != null) {
                int q = "一1".indexOf(quarter.group(1)) >= 0 ? 1 : "二2".indexOf(quarter.group(1)) >= 0 ? 2
                        : "三3".indexOf(quarter.group(1)) >= 0 ? 3 : 4;
                return YearMonth.of(year, q * 3).atEndOfMonth();
            }
            Matcher month = YEAR_MONTH.matcher(value);
            if (month.find()) {
                int y = month.group(1) != null ? Integer.parseInt(month.group(1)) : year == null ? -1 : year;
                return y < 0 ? null : YearMonth.of(y, Integer.parseInt(month.group(2))).atEndOfMonth();
            }
            if (year != null && value.contains("上半年")) {
                return LocalDate.of(year, 6, 30);
            }
            if (year != null && value.matches(".*(年底|年末|年内|全年|下半年|年度).*")) {
                return LocalDate.of(year, 12, 31);
            }
        } catch (java.time.DateTimeException e) {
            return null;
        }
        return null;
    }

    private static Integer yearIn(String value, Integer planYear) {
        Matcher year = YEAR_ONLY.matcher(value);
        return year.find() ? Integer.valueOf(year.group(1)) : planYear;
    }

    /** The first "20XX年" in the text, if any. */
    static Integer firstYear(String text) {
        Matcher year = YEAR_ONLY.matcher(text);
        return year.find() ? Integer.valueOf(year.group(1)) : null;
    }

    /** A file size for people: 3.0 KB, 12.5 MB. */
    static String size(long bytes) {
        return bytes < 1024 * 1024 ? String.format("%.1f KB", bytes / 1024.0)
                : String.format("%.1f MB", bytes / 1024.0 / 1024.0);
    }

    /** Shortens a line for quoting it in a message. */
    static String quote(String text) {
        String cleaned = clean(text);
        return cleaned.length() <= 30 ? cleaned : cleaned.substring(0, 30) + "…";
    }
}
