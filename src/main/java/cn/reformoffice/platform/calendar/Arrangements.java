package cn.reformoffice.platform.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** All years' arrangements at one moment; decides whether a day is a working day. Immutable. */
final class Arrangements {

    private final Map<Integer, YearArrangement> years = new TreeMap<>();
    private final Map<LocalDate, CalendarDay> namedDays = new HashMap<>();

    Arrangements(Collection<YearArrangement> arrangements) {
        arrangements.forEach(arrangement -> years.put(arrangement.year(), arrangement));
        // ascending: where two notices name a day (the previous December of a 元旦 holiday), the later one decides
        years.values().forEach(arrangement -> arrangement.days().forEach(day -> namedDays.put(day.date(), day)));
    }

    Arrangements with(YearArrangement replacement) {
        Map<Integer, YearArrangement> replaced = new TreeMap<>(years);
        replaced.put(replacement.year(), replacement);
        return new Arrangements(replaced.values());
    }

    /** A day the notices do not name is a working day from Monday to Friday. */
    boolean isWorkingDay(LocalDate day) {
        CalendarDay named = namedDays.get(day);
        if (named != null) {
            return !named.isOffDay();
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    boolean isKnown(int year) {
        return years.containsKey(year);
    }

    Set<Integer> knownYears() {
        return Collections.unmodifiableSet(years.keySet());
    }

    Optional<YearArrangement> year(int year) {
        return Optional.ofNullable(years.get(year));
    }

    Collection<YearArrangement> all() {
        return Collections.unmodifiableCollection(years.values());
    }
}
