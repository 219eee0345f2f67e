package cn.reformoffice.platform.security.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Password policy and login protection ({@code reform.security.*}).
 *
 * @param password the password policy every password set through the engine must meet
 * @param login    how guessing is slowed per account (Camunda's login delay) and per client address
 */
@ConfigurationProperties("reform.security")
public record AccountSecurityProperties(@DefaultValue Password password, @DefaultValue Login login) {

    /**
     * @param minLength            shortest password accepted (at least 8)
     * @param minCharacterClasses  how many of the four classes (upper case, lower case, digit, other
     *                             character) a password must contain (1–4)
     */
    public record Password(@DefaultValue("8") int minLength, @DefaultValue("3") int minCharacterClasses) {
        public Password {
            if (minLength < 8) {
                throw new IllegalArgumentException("reform.security.password.min-length must be at least 8");
            }
            if (minCharacterClasses < 1 || minCharacterClasses > 4) {
                throw new IllegalArgumentException("reform.security.password.min-character-classes must be 1 to 4");
            }
        }
    }

    /**
     * @param delayBase           per account: the lock after the first wrong password (Camunda's loginDelayBase)
     * @param delayFactor         each further wrong password multiplies the lock by this (loginDelayFactor)
     * @param delayMax            longest lock of an account; it lifts by itself after this (loginDelayMaxTime)
     * @param maxAttempts         wrong passwords after which Camunda would lock an account for good
     *                            (loginMaxAttempts): so large that it does not happen
     * @param addressMaxFailures  per client address: failed logins within {@code addressWindow} after which
     *                            the address is refused (429) without checking passwords
     * @param addressWindow       how long failed logins of an address are counted (from the first one)
     * @param addressBlock        how long an address is refused once it reached {@code addressMaxFailures}
     * @param addressesTracked    most client addresses kept in memory (the oldest are forgotten first)
     */
    public record Login(@DefaultValue("3s") Duration delayBase, @DefaultValue("2") int delayFactor,
            @DefaultValue("5m") Duration delayMax, @DefaultValue("1000000") int maxAttempts,
            @DefaultValue("20") int addressMaxFailures, @DefaultValue("10m") Duration addressWindow,
            @DefaultValue("15m") Duration addressBlock, @DefaultValue("100000") int addressesTracked) {
        public Login {
            if (delayBase.toSeconds() < 1 || delayMax.toSeconds() < delayBase.toSeconds() || delayFactor < 1) {
                throw new IllegalArgumentException(
                        "reform.security.login: delay-base >= 1s, delay-max >= delay-base and delay-factor >= 1 required");
            }
            if (maxAttempts < 1000) {
                throw new IllegalArgumentException("reform.security.login.max-attempts must be at least 1000: "
                        + "an account must never be locked for good by wrong passwords");
            }
            if (addressMaxFailures < 1 || addressWindow.isNegative() || addressWindow.isZero()
                    || addressBlock.isNegative() || addressBlock.isZero() || addressesTracked < 1) {
                throw new IllegalArgumentException("reform.security.login: address-max-failures, address-window, "
                        + "address-block and addresses-tracked must be positive");
            }
        }
    }
}
