/**
 * Finding and merging duplicates: a background scan fills a table of look-alike pairs
 * ({@link org.opencrm.core.dedupe.DuplicateScan}), a review list reads it
 * ({@link org.opencrm.core.dedupe.DuplicateReview}), and
 * {@link org.opencrm.core.dedupe.RecordMergeService} merges two or more contacts,
 * accounts or leads into one, moving everything related through every module's
 * {@link org.opencrm.core.port.RecordMerge}. Leads are sales' records: sales plugs them
 * in through the SPIs {@link org.opencrm.core.dedupe.DuplicateSource} and
 * {@link org.opencrm.core.dedupe.MergeTarget}.
 */
@org.springframework.modulith.NamedInterface("dedupe")
package org.opencrm.core.dedupe;
