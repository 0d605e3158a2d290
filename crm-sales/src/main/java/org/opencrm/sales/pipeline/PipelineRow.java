package org.opencrm.sales.pipeline;

/**
 * A sales pipeline as pick-lists and pages read it: a named, ordered set of stages;
 * exactly one is the default for new deals.
 */
public record PipelineRow(long id, String name, boolean isDefault, long version) {
}
