package cn.reformoffice.platform.planimport;

import cn.reformoffice.platform.testsupport.EmbeddedPostgresConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/** Preview, confirm and re-import of the 2022 city plan on a real PostgreSQL server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@ActiveProfiles({ "demo", "postgres" })
@Import(EmbeddedPostgresConfig.class)
@DirtiesContext
class PostgresPlanImportIT extends AbstractPlanImportIT {

    @Autowired RuntimeService runtimeService;

    @Test
    void confirmStartsEveryTaskAndReimportChangesNothing() {
        Map<String, Object> view = preview("office1", PlanFixtures.plan("2022-city-plan"), "2022.txt", null).getBody();
        List<String> unknownUnits = ((List<Map<String, Object>>) view.get("unknownNames")).stream()
                .map(u -> (String) u.get("name")).toList();
        ResponseEntity<Map<String, Object>> done = confirm("office1", (String) view.get("id"),
                Map.of("createUnits", unknownUnits), true);
        assertStatus(done, 200);
        assertThat(summary(done.getBody())).containsEntry("created", 23).containsEntry("toStart", 23);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKeyLike("2022-%").count())
                .isEqualTo(23);

        Map<String, Object> again = preview("office1", PlanFixtures.plan("2022-city-plan"), "2022.txt", null).getBody();
        assertThat(summary(again)).containsEntry("unchanged", 23).containsEntry("unknownNames", 0);
    }
}
