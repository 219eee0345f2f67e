package cn.reformoffice.platform.ledger.export;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.reformoffice.platform.lifecycle.QuarterlyReports;

/** A quarter of a year, written 2026Q3 in URLs. */
record Quarter(int year, int number) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})\\s*[Qq]\\s*([1-4])");
    private static final String[] CHINESE = { "一", "二", "三", "四" };

    /** Parses 2026Q3 (also 2026q3); null when the text is not a quarter of 2000–2100. */
    static Quarter parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        int year = Integer.parseInt(m.group(1));
        return year < 2000 || year > 2100 ? null : new Quarter(year, Integer.parseInt(m.group(2)));
    }

    LocalDate start() {
        return LocalDate.of(year, (number - 1) * 3 + 1, 1);
    }

    /** The label the quarter's reports and ledger events carry (QuarterlyReports): 2026年第3季度. */
    String label() {
        return QuarterlyReports.quarterLabel(start());
    }

    /** For people: 2026年第三季度. */
    String chinese() {
        return year + "年第" + CHINESE[number - 1] + "季度";
    }

    @Override
    public String toString() {
        return year + "Q" + number;
    }
}
