package org.opencrm.service.queue;

import java.util.List;

/** A queue with its member agents, for the admin page and pickers. */
public record QueueSummary(long id, String name, String description, long version, List<Member> members) {

	public record Member(long userId, String fullName, boolean available) {
	}
}
