package cn.reformoffice.platform.demo;

import java.time.LocalDate;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.task.NewReformTask;
import cn.reformoffice.platform.task.ReformTaskRepository;
import cn.reformoffice.platform.task.ReformTaskService;

/**
 * On the first start of a demo installation (no reform task yet), creates a few reform tasks so a
 * newcomer finds work waiting in Tasklist. Off unless {@code reform.demo.seed-tasks=true}
 * (the demo profile sets it).
 */
@Component
@ConditionalOnProperty("reform.demo.seed-tasks")
class DemoTasks implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DemoTasks.class);

    private final ReformTaskService service;
    private final ReformTaskRepository repository;

    DemoTasks(ReformTaskService service, ReformTaskRepository repository) {
        this.service = service;
        this.repository = repository;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (repository.count() > 0) {
            return;
        }
        int year = LocalDate.now().getYear();
        LocalDate yearEnd = LocalDate.of(year, 12, 31);
        List<NewReformTask> demo = List.of(
                new NewReformTask(year + "-001", year, "营商环境优化提升", "深化政务服务集成改革",
                        "推动高频事项“一件事”集成办理，全年新增集成事项15项，政务服务网办率达到90%以上。",
                        "（1）梳理高频事项清单；（2）推进跨部门数据共享；（3）建立集成办理评价机制。",
                        List.of(), List.of("市营商环境办"), List.of("市发展改革委"), yearEnd),
                new NewReformTask(year + "-002", year, "重大改革攻坚", "要素市场化配置综合改革",
                        "健全土地、数据等要素市场化配置机制，形成一批可复制推广的制度成果。",
                        "（1）推进低效工业用地再开发，全年盘活存量建设用地2000亩；（2）探索公共数据授权运营，建立数据要素登记和交易规则。",
                        List.of("赵明远", "钱立新"), List.of("市发改委", "市财政局"), List.of("市科技局"), yearEnd),
                new NewReformTask(year + "-003", year, "重大改革攻坚", "深化医药卫生体制改革",
                        "推进紧密型县域医共体建设，提升基层医疗服务能力。",
                        "（1）完善医保支付方式改革；（2）推进家庭医生签约服务扩面提质。",
                        List.of("钱立新"), List.of("市卫生健康委"), List.of("市医保局", "市民政局"), yearEnd));
        demo.forEach(task -> service.createAndStart(task, "admin"));
        LOG.info("Demo: {} reform tasks created and started", demo.size());
    }
}
