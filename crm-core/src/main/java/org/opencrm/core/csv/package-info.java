/**
 * CSV in and out, on Apache Commons CSV, for every import and export: {@link CsvScan}
 * checks an upload as it streams past (empty, binary, over-long lines) and detects its
 * character set and delimiter ({@link CsvDialect}); {@link CsvRecords} reads records with
 * their line numbers and turns an unclosed quote into one rejected row instead of
 * swallowing the rows after it; {@link CsvOutput} writes RFC 4180 with cells a
 * spreadsheet would run as formulas defused.
 */
@org.springframework.modulith.NamedInterface("csv")
package org.opencrm.core.csv;
