package cn.reformoffice.platform.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * A JFR recording (the JDK's "profile" settings) of a benchmark's measured round, when the system property
 * {@code benchmark.jfr} is true; written to target/benchmark/&lt;name&gt;.jfr. Read with
 * {@code jfr print --events jdk.ExecutionSample} or {@code jfr view hot-methods}.
 */
public final class Profile implements AutoCloseable {

    private final Recording recording;
    private final Path file;

    private Profile(Recording recording, Path file) {
        this.recording = recording;
        this.file = file;
    }

    public static Profile start(String name) {
        if (!Boolean.getBoolean("benchmark.jfr")) {
            return new Profile(null, null);
        }
        try {
            Recording recording = new Recording(Configuration.getConfiguration("profile"));
            recording.start();
            Path file = Path.of("target", "benchmark", name + ".jfr");
            Files.createDirectories(file.getParent());
            return new Profile(recording, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (recording == null) {
            return;
        }
        try {
            recording.stop();
            recording.dump(file);
            recording.close();
            System.out.println("JFR recording written to " + file.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
