package cn.reformoffice.platform.security.account;

import java.util.Map;

import org.camunda.bpm.engine.identity.PasswordPolicyRule;

/**
 * At least N of the four character classes: upper-case letters, lower-case letters, digits and other
 * characters (punctuation, symbols and any non-ASCII character). Camunda's own rules demand every class;
 * 等保 asks for three of four. The webapps show the rule through the locale key
 * {@value #PLACEHOLDER} with the parameter {@code minClasses}.
 */
public class CharacterClassesRule implements PasswordPolicyRule {

    public static final String PLACEHOLDER = "PASSWORD_POLICY_CHARACTER_CLASSES";

    private final int minClasses;

    public CharacterClassesRule(int minClasses) {
        this.minClasses = minClasses;
    }

    public int minClasses() {
        return minClasses;
    }

    @Override
    public String getPlaceholder() {
        return PLACEHOLDER;
    }

    @Override
    public Map<String, String> getParameters() {
        return Map.of("minClasses", String.valueOf(minClasses));
    }

    @Override
    public boolean execute(String password) {
        return classes(password) >= minClasses;
    }

    static int classes(String password) {
        boolean upper = false, lower = false, digit = false, other = false;
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else if (!Character.isWhitespace(c) && !Character.isISOControl(c)) {
                other = true;
            }
        }
        return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }
}
