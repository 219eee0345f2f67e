package cn.reformoffice.platform.security.account;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyLengthRuleImpl;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyUserDataRuleImpl;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The platform's password policy (等保2.0 style), installed as Camunda's own password policy so that
 * the engine enforces it on every password set (REST, webapps, Java API) and Admin's and the welcome
 * page's password forms list the rules: a minimum length, at least N of the four character classes,
 * and no login name, name or e-mail of the user in the password (Camunda's user-data rule).
 */
@Component
public class ReformPasswordPolicy implements PasswordPolicy {

    private final int minLength;
    private final int minClasses;
    private final List<PasswordPolicyRule> rules;

    @Autowired
    ReformPasswordPolicy(AccountSecurityProperties properties) {
        this(properties.password().minLength(), properties.password().minCharacterClasses());
    }

    ReformPasswordPolicy(int minLength, int minClasses) {
        this.minLength = minLength;
        this.minClasses = minClasses;
        this.rules = List.of(new PasswordPolicyLengthRuleImpl(minLength), new CharacterClassesRule(minClasses),
                new PasswordPolicyUserDataRuleImpl());
    }

    @Override
    public List<PasswordPolicyRule> getRules() {
        return rules;
    }

    /** The policy in one Chinese sentence, for refusals. */
    public String describe() {
        return "密码长度至少 " + minLength + " 位，须包含大写字母、小写字母、数字、特殊字符中的至少 " + minClasses
                + " 类，且不得包含登录名、姓名或邮箱";
    }

    /** The rules the password breaks, in Chinese; empty when it meets the policy. */
    public List<String> violations(String password, User user) {
        List<String> violations = new ArrayList<>();
        if (password == null || password.length() < minLength) {
            violations.add("长度不足 " + minLength + " 位");
        }
        String candidate = password == null ? "" : password;
        if (CharacterClassesRule.classes(candidate) < minClasses) {
            violations.add("未包含大写字母、小写字母、数字、特殊字符中的至少 " + minClasses + " 类");
        }
        if (!new PasswordPolicyUserDataRuleImpl().execute(candidate, user)) {
            violations.add("包含了登录名、姓名或邮箱");
        }
        return violations;
    }
}
