package org.opencrm.sales.pipeline;

/** Whether a deal in a stage is still open, or closed as won or lost. */
public enum StageKind {

	OPEN, WON, LOST

}
