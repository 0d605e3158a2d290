package org.opencrm.core.report;

/**
 * The standard filters a report may take; the report page shows only the ones it
 * declares.
 */
public enum FilterField {

	/** {@link ReportFilter#from()} – {@link ReportFilter#to()}, both days included. */
	DATES,
	/** Records owned by (or assigned to) members of one team. */
	TEAM,
	/** Records owned by (or assigned to) one user. */
	USER

}
