/**
 * Reports: the small SPI a module implements to offer a report
 * ({@link org.opencrm.core.report.Report}), the standard filter every report takes
 * ({@link org.opencrm.core.report.ReportFilter}), the streaming SQL helper
 * ({@link org.opencrm.core.report.ReportQuery}), the registry crm-web reads
 * ({@link org.opencrm.core.report.Reports}) and each user's saved filter combinations
 * ({@link org.opencrm.core.report.SavedReports}). See crm-core's README, "Adding a
 * report".
 */
@org.springframework.modulith.NamedInterface("report")
package org.opencrm.core.report;
