package cn.reformoffice.platform.calendar;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replaces a year's arrangement atomically and then, committed, refreshes {@link WorkingCalendar} and
 * publishes a {@link CalendarChangedEvent}. Each change runs in its own transaction so that listeners
 * (which recalculate deadlines and timers) see it committed and run outside it.
 */
@Service
class CalendarService {

    private static final Logger LOG = LoggerFactory.getLogger(CalendarService.class);

    private final CalendarRepository repository;
    private final WorkingCalendar calendar;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate newTransaction;

    CalendarService(CalendarRepository repository, WorkingCalendar calendar, ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager) {
        this.repository = repository;
        this.calendar = calendar;
        this.events = events;
        this.newTransaction = new TransactionTemplate(transactionManager);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * The office's arrangement of a year (validated days, sorted); from now on the shipped files leave it alone.
     * papers null keeps the notices recorded for the year.
     */
    CalendarChangedEvent replaceByOffice(int year, List<CalendarDay> days, List<String> papers, String actor) {
        CalendarChangedEvent event = newTransaction.execute(status -> {
            boolean exists = repository.lockYear(year).isPresent();
            List<String> keptPapers = papers != null ? papers
                    : repository.find(year).map(YearArrangement::papers).orElse(List.of());
            return replace(new YearArrangement(year, CalendarSource.OFFICE, keptPapers, days, actor,
                    OffsetDateTime.now()), exists);
        });
        LOG.info("Calendar {} replaced by {}: {} days named, status changed on {}", year, actor, days.size(),
                event.changedDays());
        published(event);
        return event;
    }

    /**
     * A year of the product's data files: stored unless the office maintains that year or the stored
     * arrangement is the same. Returns the change, if any.
     */
    Optional<CalendarChangedEvent> loadShipped(int year, List<CalendarDay> days, List<String> papers) {
        CalendarChangedEvent event = newTransaction.execute(status -> {
            Optional<CalendarSource> source = repository.lockYear(year);
            if (source.isPresent() && source.get() == CalendarSource.OFFICE) {
                LOG.info("Calendar {}: the office's arrangement is kept, the shipped one is not loaded", year);
                return null;
            }
            if (source.isPresent() && repository.find(year).filter(stored -> stored.days().equals(days)
                    && stored.papers().equals(papers)).isPresent()) {
                return null;
            }
            return replace(new YearArrangement(year, CalendarSource.SHIPPED, papers, days, null,
                    OffsetDateTime.now()), source.isPresent());
        });
        if (event != null) {
            LOG.info("Calendar {} loaded from the shipped holiday-cn data: {} days named", year, days.size());
            published(event);
        }
        return Optional.ofNullable(event);
    }

    private CalendarChangedEvent replace(YearArrangement arrangement, boolean exists) {
        Arrangements before = new Arrangements(repository.findAll());
        Arrangements after = before.with(arrangement);
        SortedSet<LocalDate> changed = new TreeSet<>();
        Stream.concat(before.year(arrangement.year()).map(YearArrangement::days).orElse(List.of()).stream(),
                arrangement.days().stream())
                .map(CalendarDay::date)
                .filter(day -> before.isWorkingDay(day) != after.isWorkingDay(day))
                .forEach(changed::add);
        repository.save(arrangement, exists);
        return new CalendarChangedEvent(arrangement.year(), Collections.unmodifiableSortedSet(changed));
    }

    private void published(CalendarChangedEvent event) {
        calendar.invalidate();
        events.publishEvent(event);
    }
}
