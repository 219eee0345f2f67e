package cn.reformoffice.platform.planimport;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits and lifetimes of plan imports ({@code reform.import.*}).
 *
 * @param maxFileSize         largest file accepted (also raise {@code spring.servlet.multipart.max-file-size})
 * @param maxUncompressedSize largest total size of a .docx/.xlsx after unzipping (zip-bomb protection)
 * @param maxZipEntries       most entries in a .docx/.xlsx
 * @param maxTasks            most tasks in one file
 * @param previewTtl          how long a preview can be confirmed
 */
@ConfigurationProperties("reform.import")
record PlanImportProperties(DataSize maxFileSize, DataSize maxUncompressedSize, Integer maxZipEntries,
        Integer maxTasks, Duration previewTtl) {

    PlanImportProperties {
        maxFileSize = maxFileSize != null ? maxFileSize : DataSize.ofMegabytes(10);
        maxUncompressedSize = maxUncompressedSize != null ? maxUncompressedSize : DataSize.ofMegabytes(64);
        maxZipEntries = maxZipEntries != null ? maxZipEntries : 1000;
        maxTasks = maxTasks != null ? maxTasks : 5000;
        previewTtl = previewTtl != null ? previewTtl : Duration.ofHours(24);
    }

    static PlanImportProperties defaults() {
        return new PlanImportProperties(null, null, null, null, null);
    }
}
