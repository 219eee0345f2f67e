package cn.reformoffice.platform.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Errors shown in the health details never carry a robot's access token. */
class DeliveryOutcomesTest {

    @Test
    void queryStringsAndSecretsAreRedacted() {
        String error = "I/O error on POST request for \"https://oapi.dingtalk.com/robot/send?access_token=abc123&x=1\": "
                + "Connection refused; retry with key=SECRET";
        String redacted = DeliveryOutcomes.redact(error);
        assertThat(redacted).doesNotContain("abc123", "SECRET")
                .contains("https://oapi.dingtalk.com/robot/send?…", "Connection refused", "key=…");
        assertThat(DeliveryOutcomes.redact(null)).isNull();
    }
}
