package org.opencrm.core.report;

/** A user's named filter combination of one report. */
public record SavedReport(long id, String reportKey, String name, ReportFilter filter) {
}
