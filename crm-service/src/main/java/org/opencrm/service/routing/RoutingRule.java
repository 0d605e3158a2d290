package org.opencrm.service.routing;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.opencrm.service.ticket.TicketChannel;
import org.opencrm.service.ticket.TicketPriority;
import org.opencrm.service.ticket.TicketType;
import org.opencrm.service.tier.ServiceTier;

/**
 * One routing rule: conditions (null matches anything; keywords: comma-separated, any of
 * them in subject or description) and where a matching ticket goes: a queue, and an
 * assignee or the queue's next available agent (round robin).
 */
public record RoutingRule(long id, int position, String name, boolean enabled, TicketType ticketType,
		TicketPriority priority, TicketChannel channel, ServiceTier tier, String keywords, Long queueId,
		String queueName, Long assigneeId, String assigneeName, boolean roundRobin, long version) {

	public List<String> keywordList() {
		if (keywords == null || keywords.isBlank()) {
			return List.of();
		}
		return Arrays.stream(keywords.split(","))
			.map(String::strip)
			.filter(k -> !k.isEmpty())
			.map(k -> k.toLowerCase(Locale.ROOT))
			.toList();
	}

	boolean matches(TicketType type, TicketPriority prio, TicketChannel chan, ServiceTier accountTier, String text) {
		if (!enabled || ticketType != null && ticketType != type || priority != null && priority != prio
				|| channel != null && channel != chan || tier != null && tier != accountTier) {
			return false;
		}
		List<String> words = keywordList();
		String haystack = text.toLowerCase(Locale.ROOT);
		return words.isEmpty() || words.stream().anyMatch(haystack::contains);
	}
}
