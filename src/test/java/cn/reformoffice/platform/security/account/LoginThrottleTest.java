package cn.reformoffice.platform.security.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.github.benmanes.caffeine.cache.Ticker;

/** The counting of failed logins per address, on a ticker the test moves (no waiting). */
class LoginThrottleTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Ticker ticker = nanos::get;
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(10), Duration.ofMinutes(15), 1000,
            ticker);

    @Test
    void anAddressIsRefusedAfterTheLimitUntilTheBlockLiftsByItself() {
        assertThat(throttle.recordFailure("10.0.0.1")).isFalse();
        assertThat(throttle.recordFailure("10.0.0.1")).isFalse();
        assertThat(throttle.blockedFor("10.0.0.1")).isEmpty();
        assertThat(throttle.recordFailure("10.0.0.1")).isTrue();
        assertThat(throttle.blockedFor("10.0.0.1")).hasValue(Duration.ofMinutes(15));
        assertThat(throttle.blockedFor("10.0.0.2")).isEmpty();

        advance(Duration.ofMinutes(14));
        assertThat(throttle.blockedFor("10.0.0.1")).hasValue(Duration.ofMinutes(1));
        advance(Duration.ofMinutes(1));
        assertThat(throttle.blockedFor("10.0.0.1")).isEmpty();
        assertThat(throttle.failures("10.0.0.1")).as("starts afresh").isZero();
    }

    @Test
    void failuresAreCountedWithinTheWindowFromTheFirstOne() {
        throttle.recordFailure("10.0.0.1");
        advance(Duration.ofMinutes(6));
        throttle.recordFailure("10.0.0.1");
        assertThat(throttle.failures("10.0.0.1")).isEqualTo(2);
        advance(Duration.ofMinutes(5));
        assertThat(throttle.failures("10.0.0.1")).as("the window of the first failure has passed").isZero();
        assertThat(throttle.recordFailure("10.0.0.1")).isFalse();
        assertThat(throttle.blockedFor("10.0.0.1")).isEmpty();
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
