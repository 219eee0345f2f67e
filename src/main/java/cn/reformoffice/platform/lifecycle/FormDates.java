package cn.reformoffice.platform.lifecycle;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as people in China type them into a form: {@code 2026-12-20}, {@code 2026/12/20},
 * {@code 2026.12.20}, {@code 2026年12月20日} (month and day with or without a leading zero, spaces
 * ignored). Nothing else is guessed: {@code 12/20/2026} or {@code 20.12.2026} are refused rather than
 * read the American or European way, and an impossible date ({@code 2026-02-30}) is refused.
 */
final class FormDates {

    private static final Pattern DATE = Pattern.compile(
            "^\\s*(\\d{4})\\s*(?:[-/.]|年)\\s*(\\d{1,2})\\s*(?:[-/.]|月)\\s*(\\d{1,2})\\s*日?\\s*$");

    private FormDates() {
    }

    /** The date meant, or null when the text is not a date written year first. */
    static LocalDate parse(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        // a date a client sent as an ISO timestamp (form-js' datetime field did): its date part
        if (text.matches("^\\d{4}-\\d{2}-\\d{2}T.*")) {
            text = text.substring(0, 10);
        }
        Matcher matcher = DATE.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                    Integer.parseInt(matcher.group(3)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    static String chinese(LocalDate date) {
        return date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }
}
