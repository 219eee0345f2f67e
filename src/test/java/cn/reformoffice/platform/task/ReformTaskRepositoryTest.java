package cn.reformoffice.platform.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Inside a transaction the repository keeps what it read and wrote; every read still answers what the
 * database holds for this transaction, whatever it wrote in between, and nothing is kept past its end.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:taskrepository;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@DirtiesContext
class ReformTaskRepositoryTest {

    @Autowired ReformTaskRepository repository;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired JdbcClient jdbc;

    private static ReformTask task(String code) {
        return new ReformTask(null, code, 2026, "类别", "标题" + code, "目标", "举措", List.of(), List.of("fgw", "czj"),
                List.of("jyj"), LocalDate.of(2026, 12, 31), Stage.DRAFTING, null);
    }

    @Test
    void readsInATransactionFollowItsOwnWrites() {
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        transaction.executeWithoutResult(status -> {
            long id = repository.insert(task("REPO-1"), "office1");
            ReformTask inserted = repository.findByCode("REPO-1").orElseThrow();
            assertThat(inserted).isEqualTo(new ReformTask(id, "REPO-1", 2026, "类别", "标题REPO-1", "目标", "举措",
                    List.of(), List.of("fgw", "czj"), List.of("jyj"), LocalDate.of(2026, 12, 31), Stage.DRAFTING, null));
            assertThat(repository.findRecords("REPO-1")).isEmpty();

            repository.setProcessInstance(id, "pi-1");
            repository.setStage("REPO-1", Stage.APPROVAL);
            assertThat(repository.findByCode("REPO-1").orElseThrow())
                    .extracting(ReformTask::processInstanceId, ReformTask::stage).containsExactly("pi-1", Stage.APPROVAL);

            repository.insertRecord("REPO-1", "Task_DraftPlan", "方案制定", "t-1", "fgw1", null, List.of());
            assertThat(repository.findRecords("REPO-1")).extracting(TaskRecord::camundaTaskId).containsExactly("t-1");

            ReformTask current = repository.findByCode("REPO-1").orElseThrow();
            repository.update(new ReformTask(id, "REPO-1", 2026, "新类别", "新标题", "目标", "举措", List.of(),
                    List.of("czj"), List.of(), current.deadline(), Stage.APPROVAL, "pi-1"));
            assertThat(repository.findByCode("REPO-1").orElseThrow())
                    .extracting(ReformTask::title, ReformTask::leadUnitIds).containsExactly("新标题", List.of("czj"));
            repository.updateDeadline("REPO-1", LocalDate.of(2027, 6, 30));
            assertThat(repository.findByCode("REPO-1").orElseThrow().deadline()).isEqualTo(LocalDate.of(2027, 6, 30));
            // what the transaction now reads is what the database holds for it
            ReformTask kept = repository.findByCode("REPO-1").orElseThrow();
            assertThat(jdbc.sql("select title, stage, process_instance_id, deadline from reform_task where code = ?")
                    .param("REPO-1").query().singleRow()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                            "TITLE", kept.title(), "STAGE", kept.stage().name(), "PROCESS_INSTANCE_ID",
                            kept.processInstanceId(), "DEADLINE", java.sql.Date.valueOf(kept.deadline())));
        });

        // another transaction changes the row behind the repository's back: the next transaction reads it
        transaction.executeWithoutResult(status -> assertThat(repository.findByCode("REPO-1").orElseThrow().title())
                .isEqualTo("新标题"));
        jdbc.sql("update reform_task set title = '改过的标题' where code = 'REPO-1'").update();
        transaction.executeWithoutResult(status -> assertThat(repository.findByCode("REPO-1").orElseThrow().title())
                .isEqualTo("改过的标题"));
        assertThat(repository.findByCode("REPO-1").orElseThrow().title()).isEqualTo("改过的标题");
    }

    @Test
    void aNewTransactionInsideAnotherKeepsItsOwn() {
        TransactionTemplate outer = new TransactionTemplate(transactionManager);
        TransactionTemplate inner = new TransactionTemplate(transactionManager);
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        outer.executeWithoutResult(status -> {
            repository.insert(task("REPO-2"), "office1");
            assertThat(repository.findByCode("REPO-2")).isPresent();
            // the inner transaction cannot see the outer one's uncommitted row, and neither does its cache
            inner.executeWithoutResult(s -> assertThat(repository.findByCode("REPO-2")).isEmpty());
            assertThat(repository.findByCode("REPO-2")).isPresent();
        });
    }
}
