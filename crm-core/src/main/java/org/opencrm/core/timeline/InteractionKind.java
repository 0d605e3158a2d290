package org.opencrm.core.timeline;

/** Every kind of point of contact the timeline holds, whichever module records it. */
public enum InteractionKind {

	/** Logged by people on the account or contact page. */
	CALL, EMAIL, MEETING, NOTE,
	/** Written by the modules as things happen. */
	TASK, DEAL, TICKET, CAMPAIGN, FORM, SYSTEM;

	/** The kinds a user logs by hand from the timeline section. */
	public static final java.util.List<InteractionKind> LOGGABLE = java.util.List.of(CALL, EMAIL, MEETING, NOTE);

}
