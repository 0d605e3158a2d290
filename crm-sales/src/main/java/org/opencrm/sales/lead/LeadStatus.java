package org.opencrm.sales.lead;

import java.util.Set;

/**
 * Where a lead is: new → working → qualified or disqualified → converted (by conversion
 * only).
 */
public enum LeadStatus {

	NEW, WORKING, QUALIFIED, DISQUALIFIED, CONVERTED;

	/** The statuses a user may move a lead to from this one by hand. */
	public Set<LeadStatus> next() {
		return switch (this) {
			case NEW -> Set.of(WORKING, QUALIFIED, DISQUALIFIED);
			case WORKING -> Set.of(QUALIFIED, DISQUALIFIED);
			case QUALIFIED -> Set.of(WORKING, DISQUALIFIED);
			case DISQUALIFIED -> Set.of(WORKING);
			case CONVERTED -> Set.of();
		};
	}

	public boolean isOpen() {
		return this == NEW || this == WORKING || this == QUALIFIED;
	}

}
