package org.opencrm.service.queue;

/**
 * How many ticked tickets a bulk action changed, and how many it had to leave (a rule
 * refused them).
 */
public record BulkResult(int done, int refused) {
}
