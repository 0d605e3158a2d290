package org.opencrm.marketing.segment;

/** A contact in a segment, as its member lists and previews show it. */
public record SegmentMember(long id, String firstName, String lastName, String email, Long accountId,
		String accountName, String lifecycleStage, String sortKey) {
}
