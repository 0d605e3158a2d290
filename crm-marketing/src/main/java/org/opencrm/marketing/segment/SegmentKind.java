package org.opencrm.marketing.segment;

/**
 * DYNAMIC: whoever matches the definition now. STATIC: a list of contacts uploaded or
 * added by hand.
 */
public enum SegmentKind {

	DYNAMIC, STATIC

}
