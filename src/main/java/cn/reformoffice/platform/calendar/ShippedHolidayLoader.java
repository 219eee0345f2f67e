package cn.reformoffice.platform.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Loads the announced holiday arrangements shipped with the product ({@code calendar/holiday-cn/<year>.json})
 * into the platform's tables at start-up: a year the database lacks or holds as an older shipped
 * version is stored, a year the office maintains is left alone, an unannounced year (no days) is skipped.
 * Runs before other start-up work and before the job executor starts (on ApplicationReadyEvent).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ShippedHolidayLoader implements ApplicationRunner {

    static final String LOCATION = "classpath*:calendar/holiday-cn/*.json";
    private static final Logger LOG = LoggerFactory.getLogger(ShippedHolidayLoader.class);
    private static final Pattern YEAR_FILE = Pattern.compile("(\\d{4})\\.json");

    private final CalendarService service;
    private final ObjectMapper json;

    ShippedHolidayLoader(CalendarService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        load();
    }

    /** Returns the number of years stored or updated. */
    int load() throws IOException {
        int loaded = 0;
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
            Matcher name = YEAR_FILE.matcher(String.valueOf(resource.getFilename()));
            if (!name.matches()) {
                continue;
            }
            HolidayCnFile file;
            try (InputStream in = resource.getInputStream()) {
                file = json.readValue(in, HolidayCnFile.class);
            }
            int year = Integer.parseInt(name.group(1));
            if (file.year() == null || file.year() != year) {
                throw new IllegalStateException("Shipped calendar " + resource + " holds year " + file.year());
            }
            if (file.days() == null || file.days().isEmpty()) {
                LOG.info("Calendar {}: the shipped file names no days (not announced yet), skipped", year);
                continue;
            }
            List<CalendarDay> days = file.days().stream().map(DayInput::toDay)
                    .sorted(Comparator.comparing(CalendarDay::date)).toList();
            try {
                if (service.loadShipped(year, days, file.papers() == null ? List.of() : file.papers()).isPresent()) {
                    loaded++;
                }
            } catch (DuplicateKeyException e) {
                LOG.info("Calendar {}: loaded by another node at the same time", year);
            }
        }
        return loaded;
    }
}
