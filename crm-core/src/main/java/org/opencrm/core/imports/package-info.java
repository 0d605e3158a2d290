/**
 * CSV imports of customers and leads: upload (stored in the database in chunks, so any
 * node streams it), column mapping guessed from the header, a dry-run preview, a
 * background run in batches claimed with a lease and resumed after a crash, a report of
 * rejected rows and a revert from the import's log. Each record type plugs in as an
 * {@link org.opencrm.core.imports.ImportTarget} (core's contacts and accounts, sales'
 * leads) and writes through its own service. See crm-core's README, "Imports".
 */
@org.springframework.modulith.NamedInterface("imports")
package org.opencrm.core.imports;
