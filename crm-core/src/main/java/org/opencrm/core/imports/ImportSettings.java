package org.opencrm.core.imports;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * CSV imports ({@code crm.imports.*}).
 *
 * @param workerEnabled {@code false}: this node runs no imports (tests drive
 * {@link ImportRunner} themselves)
 * @param poll how often an idle node looks for a queued import (or one whose node died)
 * @param batchSize rows per transaction; the progress a crash falls back to
 * @param lease how long a node holds an import without committing a batch; another node
 * takes it over after that
 * @param maxLineKb a longer line refuses the file (no CSV has one; a binary or broken
 * file does)
 * @param chunkKb the stored file's chunk size
 * @param previewRows rows the preview lists
 * @param previewScan rows the preview checks for its totals
 */
@ConfigurationProperties("crm.imports")
public record ImportSettings(@DefaultValue("true") boolean workerEnabled, @DefaultValue("PT2S") Duration poll,
		@DefaultValue("500") int batchSize, @DefaultValue("PT2M") Duration lease, @DefaultValue("1024") int maxLineKb,
		@DefaultValue("1024") int chunkKb, @DefaultValue("20") int previewRows, @DefaultValue("1000") int previewScan) {

	int maxLineBytes() {
		return maxLineKb * 1024;
	}

}
