package org.opencrm.service.canned;

/** A stored answer agents insert into the reply box; its body may hold merge fields. */
public record CannedReply(long id, String title, String body, long version) {
}
