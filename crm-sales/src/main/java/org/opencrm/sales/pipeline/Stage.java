package org.opencrm.sales.pipeline;

/**
 * A pipeline stage as pages and rules read it; {@code dealCount} counts every deal in it
 * (0 when not asked).
 */
public record Stage(long id, long pipelineId, String name, int position, int probability, StageKind kind,
		boolean active, long version, long dealCount) {
}
