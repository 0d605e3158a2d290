package org.opencrm.sales.pipeline;

/**
 * A sales pipeline: a named, ordered set of stages; exactly one is the default for new
 * deals.
 */
public record Pipeline(long id, String name, boolean isDefault, long version) {
}
