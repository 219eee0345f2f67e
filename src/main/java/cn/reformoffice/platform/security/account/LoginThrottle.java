package cn.reformoffice.platform.security.account;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Failed logins per client address. Failures are counted for {@code window} from an address's first
 * one; an address reaching {@code maxFailures} is refused for {@code block}, after which it starts
 * afresh. Successful logins reset nothing (one valid account must not let an address guess others).
 * Kept in memory per node by Caffeine, bounded in size; the ticker is Caffeine's, so tests can move it.
 */
public class LoginThrottle {

    private final int maxFailures;
    private final Duration block;
    private final Ticker ticker;
    /** Failures per address, expiring {@code window} after the first (in-place increments are reads). */
    private final Cache<String, AtomicInteger> failures;
    /** Blocked addresses with the ticker time their block ends. */
    private final Cache<String, Long> blocked;

    public LoginThrottle(int maxFailures, Duration window, Duration block, int maxAddresses, Ticker ticker) {
        this.maxFailures = maxFailures;
        this.block = block;
        this.ticker = ticker;
        this.failures = Caffeine.newBuilder().ticker(ticker).maximumSize(maxAddresses)
                .expireAfterWrite(window.toNanos(), TimeUnit.NANOSECONDS).build();
        this.blocked = Caffeine.newBuilder().ticker(ticker).maximumSize(maxAddresses)
                .expireAfterWrite(block.toNanos(), TimeUnit.NANOSECONDS).build();
    }

    static LoginThrottle of(AccountSecurityProperties.Login login) {
        return new LoginThrottle(login.addressMaxFailures(), login.addressWindow(), login.addressBlock(),
                login.addressesTracked(), Ticker.systemTicker());
    }

    /** How much longer the address is refused; empty when it may try to log in. */
    public Optional<Duration> blockedFor(String address) {
        Long until = blocked.getIfPresent(address);
        if (until == null) {
            return Optional.empty();
        }
        long left = until - ticker.read();
        return left > 0 ? Optional.of(Duration.ofNanos(left)) : Optional.empty();
    }

    /** Counts a failed login; true when this failure blocks the address. */
    public boolean recordFailure(String address) {
        int count = failures.get(address, key -> new AtomicInteger()).incrementAndGet();
        if (count < maxFailures) {
            return false;
        }
        failures.invalidate(address);
        blocked.put(address, ticker.read() + block.toNanos());
        return true;
    }

    /** Failed logins counted for the address in its current window. */
    public int failures(String address) {
        AtomicInteger count = failures.getIfPresent(address);
        return count == null ? 0 : count.get();
    }

    public int maxFailures() {
        return maxFailures;
    }
}
