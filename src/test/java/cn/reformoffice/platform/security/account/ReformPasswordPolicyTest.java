package cn.reformoffice.platform.security.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The policy's rules as the engine runs them (length, three of four classes, no user data). */
class ReformPasswordPolicyTest {

    private final ReformPasswordPolicy policy = new ReformPasswordPolicy(8, 3);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1|false", "demo|false", "abcdefgh|false", "Abcdefgh|false", "abcdefg1|false", "Abc1!|false",
            "Abcdefg1|true", "abcdefg1!|true", "ABCDEFG1!|true", "Abc-defgh|true", "gaige改革2026|true",
            "Zhangwei2026|true", "Fgw1Abcd!|false", "xxFGW1xx!A|false", "张伟Abc12345|false" })
    void rules(String password, boolean valid) {
        UserEntity user = new UserEntity("fgw1");
        user.setFirstName("张伟");
        user.setLastName("(市发展改革委)");
        boolean engineVerdict = policy.getRules().stream().allMatch(rule -> rule.execute(password, user));
        assertThat(engineVerdict).as(password).isEqualTo(valid);
        assertThat(policy.violations(password, user).isEmpty()).as(password).isEqualTo(valid);
    }
}
