package cn.reformoffice.platform.score;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An assessment period: a quarter ({@code 2026Q3}), a half-year ({@code 2026H1}, {@code 2026H2}) or a year
 * ({@code 2026}), with its first and last day and its Chinese name (2026年第三季度).
 */
public record Period(String id, String label, LocalDate start, LocalDate end) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})(?:([QH])(\\d))?");
    private static final String[] QUARTERS = { "第一季度", "第二季度", "第三季度", "第四季度" };

    /** The period named by {@code text}, or empty when it names none (wrong format, year out of 2000–2099). */
    public static Optional<Period> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(1));
        if (year < 2000 || year > 2099) {
            return Optional.empty();
        }
        if (m.group(2) == null) {
            return Optional.of(year(year));
        }
        int n = Integer.parseInt(m.group(3));
        if ("Q".equals(m.group(2)) && n >= 1 && n <= 4) {
            return Optional.of(quarter(year, n));
        }
        if ("H".equals(m.group(2)) && n >= 1 && n <= 2) {
            return Optional.of(half(year, n));
        }
        return Optional.empty();
    }

    public static Period quarter(int year, int quarter) {
        LocalDate start = LocalDate.of(year, quarter * 3 - 2, 1);
        return new Period(year + "Q" + quarter, year + "年" + QUARTERS[quarter - 1], start,
                start.plusMonths(3).minusDays(1));
    }

    public static Period half(int year, int half) {
        LocalDate start = LocalDate.of(year, half == 1 ? 1 : 7, 1);
        return new Period(year + "H" + half, year + "年" + (half == 1 ? "上半年" : "下半年"), start,
                start.plusMonths(6).minusDays(1));
    }

    public static Period year(int year) {
        return new Period(String.valueOf(year), year + "年度", LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }

    /** The quarter {@code day} falls in. */
    public static Period quarterOf(LocalDate day) {
        return quarter(day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
    }

    /** The periods of {@code year} that have begun by {@code today}: quarters newest first, then halves, then the year. */
    public static List<Period> begunIn(int year, LocalDate today) {
        List<Period> periods = new ArrayList<>();
        for (int q = 4; q >= 1; q--) {
            periods.add(quarter(year, q));
        }
        periods.add(half(year, 2));
        periods.add(half(year, 1));
        periods.add(year(year));
        periods.removeIf(p -> p.start().isAfter(today));
        return periods;
    }

    public int yearNumber() {
        return start.getYear();
    }
}
