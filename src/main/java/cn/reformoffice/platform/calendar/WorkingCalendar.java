package cn.reformoffice.platform.calendar;

import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Working-day arithmetic on China's holiday arrangements (工作日历), the one place every deadline, timer
 * and reminder counts working days. A year without an announced arrangement counts Monday to Friday;
 * results that depend on such a year are provisional ({@link #isProvisional}) and logged as a warning.
 * <p>
 * The arrangements (a few dozen rows a year) are kept in memory per year. A change made through
 * {@link CalendarService} applies on this node at once; other nodes of a cluster re-read the table when
 * their copy is older than {@code reform.calendar.cache-ttl} (default one minute), as application
 * events stay on the node that published them.
 */
@Service
public class WorkingCalendar {

    private static final Logger LOG = LoggerFactory.getLogger(WorkingCalendar.class);

    private final CalendarRepository repository;
    private final boolean countStartDay;
    private final long ttlNanos;
    private final AtomicLong generation = new AtomicLong();
    private volatile Cached cached;

    WorkingCalendar(CalendarRepository repository, CalendarProperties properties) {
        this.repository = repository;
        this.countStartDay = properties.countStartDay();
        this.ttlNanos = properties.cacheTtl().toNanos();
    }

    public boolean isWorkingDay(LocalDate day) {
        return arrangements().isWorkingDay(day);
    }

    /**
     * The n-th working day after start (n >= 1). 次日起算: the start day never counts; with
     * count-start-day=true a working start day counts as day 1. n = 0 returns start if it is a working
     * day, else the next working day.
     */
    public LocalDate addWorkingDays(LocalDate start, int n) {
        requireNotNegative(n);
        Arrangements arrangements = arrangements();
        boolean startCounts = arrangements.isWorkingDay(start) && (n == 0 || countStartDay);
        int steps = startCounts ? Math.max(n - 1, 0) : Math.max(n, 1);
        LocalDate day = start;
        for (int i = 0; i < steps; i++) {
            day = next(arrangements, day);
        }
        warnIfProvisional(arrangements, start, day);
        return day;
    }

    /**
     * The n-th working day before date (n >= 1), for "remind N working days before the due date".
     * n = 0 returns date if it is a working day, else the previous working day.
     */
    public LocalDate subtractWorkingDays(LocalDate date, int n) {
        requireNotNegative(n);
        Arrangements arrangements = arrangements();
        int steps = n == 0 && !arrangements.isWorkingDay(date) ? 1 : n;
        LocalDate day = date;
        for (int i = 0; i < steps; i++) {
            do {
                day = day.minusDays(1);
            } while (!arrangements.isWorkingDay(day));
        }
        warnIfProvisional(arrangements, day, date);
        return day;
    }

    /** The first working day strictly after day. */
    public LocalDate nextWorkingDay(LocalDate day) {
        return next(arrangements(), day);
    }

    /** The working days in (fromExclusive, toInclusive]; 0 if to <= from. */
    public int workingDaysBetween(LocalDate fromExclusive, LocalDate toInclusive) {
        if (!toInclusive.isAfter(fromExclusive)) {
            return 0;
        }
        Arrangements arrangements = arrangements();
        int count = 0;
        for (LocalDate day = fromExclusive.plusDays(1); !day.isAfter(toInclusive); day = day.plusDays(1)) {
            if (arrangements.isWorkingDay(day)) {
                count++;
            }
        }
        warnIfProvisional(arrangements, fromExclusive, toInclusive);
        return count;
    }

    /** True when day's year has no announced arrangement, so Monday to Friday is assumed. */
    public boolean isProvisional(LocalDate day) {
        return !arrangements().isKnown(day.getYear());
    }

    /** True when any year from from's to to's has no announced arrangement (a count across them is provisional). */
    public boolean isProvisional(LocalDate from, LocalDate to) {
        return firstUnknownYear(arrangements(), from, to) != null;
    }

    /** The years with an announced arrangement, ascending. */
    public Set<Integer> knownYears() {
        return arrangements().knownYears();
    }

    /** Forgets the cached arrangements; the next call re-reads them. Called after a committed change. */
    void invalidate() {
        generation.incrementAndGet();
    }

    Arrangements arrangements() {
        Cached current = cached;
        if (current != null && current.isFresh(generation.get(), ttlNanos)) {
            return current.arrangements();
        }
        synchronized (this) {
            current = cached;
            long generationAtLoad = generation.get();
            if (current != null && current.isFresh(generationAtLoad, ttlNanos)) {
                return current.arrangements();
            }
            // a change committed while loading bumps the generation, so this copy is not used again
            Arrangements loaded = new Arrangements(repository.findAll());
            cached = new Cached(loaded, System.nanoTime(), generationAtLoad);
            return loaded;
        }
    }

    private static LocalDate next(Arrangements arrangements, LocalDate day) {
        LocalDate next = day.plusDays(1);
        while (!arrangements.isWorkingDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }

    private static void requireNotNegative(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("Number of working days must not be negative: " + n);
        }
    }

    private static void warnIfProvisional(Arrangements arrangements, LocalDate from, LocalDate to) {
        Integer unknown = firstUnknownYear(arrangements, from, to);
        if (unknown != null) {
            LOG.warn("No holiday arrangement for {}: working days from {} to {} assume Monday to Friday, "
                    + "the result is provisional", unknown, from, to);
        }
    }

    private static Integer firstUnknownYear(Arrangements arrangements, LocalDate from, LocalDate to) {
        int first = Math.min(from.getYear(), to.getYear());
        int last = Math.max(from.getYear(), to.getYear());
        for (int year = first; year <= last; year++) {
            if (!arrangements.isKnown(year)) {
                return year;
            }
        }
        return null;
    }

    private record Cached(Arrangements arrangements, long loadedAt, long generation) {

        boolean isFresh(long currentGeneration, long ttlNanos) {
            return generation == currentGeneration && System.nanoTime() - loadedAt < ttlNanos;
        }
    }
}
