/**
 * Finding and merging duplicates: the review list of what the scan found, the merge page
 * (field by field, with what moves), bulk merges and the merge API.
 */
package org.opencrm.web.dedupe;
