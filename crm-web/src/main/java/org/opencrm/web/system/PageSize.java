package org.opencrm.web.system;

/** List page sizes, one place. */
public final class PageSize {

	public static final int LIST = 25;

	public static final int TIMELINE = 20;

	public static final int SECTION = 10;

	private PageSize() {
	}

}
