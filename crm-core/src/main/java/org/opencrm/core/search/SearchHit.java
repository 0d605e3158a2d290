package org.opencrm.core.search;

/** One result of the global search box: what it is, its id, and two lines to show. */
public record SearchHit(Kind kind, long id, String title, String subtitle) {

	public enum Kind {

		ACCOUNT, CONTACT

	}
}
