package cn.reformoffice.platform.webapp;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/**
 * The SQL the engine's queries (selects) run during an action, with its parameters written in (MyBatis' debug log
 * of Camunda's task statements, {@code ==> Preparing:} and {@code ==> Parameters:}), so that a benchmark can
 * EXPLAIN ANALYZE exactly what the engine sends.
 */
final class CapturedSql {

    /** MyBatis logs each statement under its id, so the prefix of every engine statement. */
    private static final String TASK_STATEMENTS = "org.camunda.bpm.engine.impl.persistence.entity";
    private static final Pattern PARAMETER = Pattern.compile("(.*?)\\((String|Integer|Long|Boolean|Timestamp|Date)\\)(, |$)");

    private CapturedSql() {
    }

    static List<String> capture(JdbcTemplate jdbc, Runnable action) {
        Logger logger = (Logger) LoggerFactory.getLogger(TASK_STATEMENTS);
        Level before = logger.getLevel();
        List<String> statements = new ArrayList<>();
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            private String preparing;

            @Override
            protected void append(ILoggingEvent event) {
                String message = event.getFormattedMessage();
                int at = message.indexOf("Preparing: ");
                if (at >= 0) {
                    preparing = message.substring(at + "Preparing: ".length());
                }
                at = message.indexOf("Parameters: ");
                if (at >= 0 && preparing != null && preparing.stripLeading().toLowerCase().startsWith("select")) {
                    statements.add(inline(preparing, message.substring(at + "Parameters: ".length())));
                    preparing = null;
                }
            }
        };
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
        try {
            action.run();
        } finally {
            logger.setLevel(before);
            logger.detachAppender(appender);
            appender.stop();
        }
        return statements;
    }

    private static String inline(String sql, String parameters) {
        List<String> values = new ArrayList<>();
        Matcher matcher = PARAMETER.matcher(parameters.strip());
        while (matcher.find() && !matcher.group(0).isEmpty()) {
            String type = matcher.group(2);
            String value = matcher.group(1);
            values.add(type.equals("Integer") || type.equals("Long") || type.equals("Boolean") ? value
                    : "'" + value.replace("'", "''") + "'");
        }
        StringBuilder out = new StringBuilder();
        int v = 0;
        for (char c : sql.toCharArray()) {
            out.append(c == '?' && v < values.size() ? values.get(v++) : String.valueOf(c));
        }
        return out.toString().replaceAll("\\s+", " ");
    }
}
