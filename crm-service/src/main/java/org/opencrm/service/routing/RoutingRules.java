package org.opencrm.service.routing;

import java.util.List;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.service.queue.QueueService;
import org.opencrm.service.ticket.TicketChannel;
import org.opencrm.service.ticket.TicketPriority;
import org.opencrm.service.ticket.TicketRouting;
import org.opencrm.service.ticket.TicketType;
import org.opencrm.service.tier.ServiceTier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ordered routing rules: the first enabled rule whose conditions hold decides a ticket's
 * queue and assignee (a fixed one, or the queue's next available agent by round robin).
 * Applied when a ticket is opened and when an agent asks to re-route it.
 */
@Service
public class RoutingRules implements TicketRouting {

	private final JdbcClient jdbc;

	private final QueueService queues;

	RoutingRules(JdbcClient jdbc, QueueService queues) {
		this.jdbc = jdbc;
		this.queues = queues;
	}

	@Override
	@Transactional
	public Route route(RoutingRequest request) {
		ServiceTier tier = request.accountId() == null ? ServiceTier.STANDARD
				: jdbc.sql("select tier from account_service_tiers where account_id = ?")
					.param(request.accountId())
					.query(String.class)
					.optional()
					.map(ServiceTier::valueOf)
					.orElse(ServiceTier.STANDARD);
		String text = nullToEmpty(request.subject()) + "\n" + nullToEmpty(request.description());
		for (RoutingRule rule : all()) {
			if (rule.matches(request.type(), request.priority(), request.channel(), tier, text)) {
				Long assignee = rule.assigneeId();
				if (assignee == null && rule.roundRobin() && rule.queueId() != null) {
					assignee = queues.nextAgent(rule.queueId(), null).orElse(null);
				}
				return new Route(rule.queueId(), assignee, rule.id());
			}
		}
		return Route.none();
	}

	@Transactional(readOnly = true)
	public List<RoutingRule> all() {
		return jdbc.sql("""
				select r.*, q.name as queue_name, u.full_name as assignee_name
				from routing_rules r
				left join service_queues q on q.id = r.queue_id
				left join users u on u.id = r.assignee_id
				order by r.position, r.id
				""")
			.query((rs, n) -> new RoutingRule(rs.getLong("id"), rs.getInt("position"), rs.getString("name"),
					rs.getBoolean("enabled"), enumOrNull(TicketType.class, rs.getString("ticket_type")),
					enumOrNull(TicketPriority.class, rs.getString("priority")),
					enumOrNull(TicketChannel.class, rs.getString("channel")),
					enumOrNull(ServiceTier.class, rs.getString("tier")), rs.getString("keywords"),
					rs.getObject("queue_id", Long.class), rs.getString("queue_name"),
					rs.getObject("assignee_id", Long.class), rs.getString("assignee_name"),
					rs.getBoolean("round_robin"), rs.getLong("version")))
			.list();
	}

	@Transactional(readOnly = true)
	public RoutingRule get(long id) {
		return all().stream()
			.filter(r -> r.id() == id)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("Rule", id));
	}

	/** Adds a rule at the end of the list. */
	@Transactional
	public long create(RuleCommand cmd) {
		validate(cmd);
		int position = jdbc.sql("select coalesce(max(position), 0) + 10 from routing_rules")
			.query(Integer.class)
			.single();
		return jdbc.sql("""
				insert into routing_rules (position, name, enabled, ticket_type, priority, channel, tier, keywords,
				                           queue_id, assignee_id, round_robin)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id
				""")
			.params(position, cmd.name().strip(), cmd.enabled(), name(cmd.ticketType()), name(cmd.priority()),
					name(cmd.channel()), name(cmd.tier()), blankToNull(cmd.keywords()), cmd.queueId(), cmd.assigneeId(),
					cmd.roundRobin())
			.query(Long.class)
			.single();
	}

	@Transactional
	public void update(long id, RuleCommand cmd) {
		validate(cmd);
		int n = jdbc
			.sql("""
					update routing_rules set name = ?, enabled = ?, ticket_type = ?, priority = ?, channel = ?, tier = ?,
					  keywords = ?, queue_id = ?, assignee_id = ?, round_robin = ?, version = version + 1, updated_at = now()
					where id = ? and version = ?
					""")
			.params(cmd.name().strip(), cmd.enabled(), name(cmd.ticketType()), name(cmd.priority()),
					name(cmd.channel()), name(cmd.tier()), blankToNull(cmd.keywords()), cmd.queueId(), cmd.assigneeId(),
					cmd.roundRobin(), id, cmd.version())
			.update();
		if (n == 0) {
			long current = jdbc.sql("select version from routing_rules where id = ?")
				.param(id)
				.query(Long.class)
				.optional()
				.orElseThrow(() -> new NotFoundException("Rule", id));
			throw new StaleEditException("Rule", id, cmd.version(), current);
		}
	}

	@Transactional
	public void delete(long id) {
		jdbc.sql("delete from routing_rules where id = ?").param(id).update();
	}

	/** Swaps a rule with its neighbour above ({@code up}) or below. */
	@Transactional
	public void move(long id, boolean up) {
		List<RoutingRule> rules = all();
		for (int i = 0; i < rules.size(); i++) {
			if (rules.get(i).id() == id) {
				int j = up ? i - 1 : i + 1;
				if (j < 0 || j >= rules.size()) {
					return;
				}
				RoutingRule a = rules.get(i);
				RoutingRule b = rules.get(j);
				// Positions may tie; rewrite both from their list order so the swap is
				// always visible.
				int pa = Math.min(a.position(), b.position());
				int pb = pa + 1;
				jdbc.sql("update routing_rules set position = position + 2 where position > ? and id not in (?, ?)")
					.params(pa, a.id(), b.id())
					.update();
				jdbc.sql("update routing_rules set position = ? where id = ?").params(up ? pa : pb, a.id()).update();
				jdbc.sql("update routing_rules set position = ? where id = ?").params(up ? pb : pa, b.id()).update();
				return;
			}
		}
		throw new NotFoundException("Rule", id);
	}

	private void validate(RuleCommand cmd) {
		if (cmd.name() == null || cmd.name().isBlank()) {
			throw new RuleViolationException("routing.name.required", "A rule needs a name.");
		}
		if (cmd.queueId() == null && cmd.assigneeId() == null) {
			throw new RuleViolationException("routing.target.required",
					"A rule routes to a queue, an assignee or both.");
		}
		if (cmd.roundRobin() && cmd.queueId() == null) {
			throw new RuleViolationException("routing.roundRobin.needsQueue", "Round robin needs a queue.");
		}
		if (cmd.queueId() != null && jdbc.sql("select count(*) from service_queues where id = ?")
			.param(cmd.queueId())
			.query(Long.class)
			.single() == 0) {
			throw new NotFoundException("Queue", cmd.queueId());
		}
		if (cmd.assigneeId() != null && jdbc.sql("select count(*) from users where id = ? and role <> 'CUSTOMER'")
			.param(cmd.assigneeId())
			.query(Long.class)
			.single() == 0) {
			throw new NotFoundException("User", cmd.assigneeId());
		}
	}

	private static <E extends Enum<E>> E enumOrNull(Class<E> type, String value) {
		return value == null ? null : Enum.valueOf(type, value);
	}

	private static String name(Enum<?> e) {
		return e == null ? null : e.name();
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

	private static String nullToEmpty(String s) {
		return s == null ? "" : s;
	}

}
