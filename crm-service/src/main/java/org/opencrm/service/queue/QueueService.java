package org.opencrm.service.queue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues and their member agents (each with an "available" flag), and the round-robin
 * pick of a queue's next available agent, made under the queue row's lock so two tickets
 * routed at once go to two different agents.
 */
@Service
public class QueueService {

	private final JdbcClient jdbc;

	QueueService(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public List<QueueSummary> all() {
		Map<Long, List<QueueSummary.Member>> members = new LinkedHashMap<>();
		jdbc.sql("""
				select m.queue_id, m.user_id, u.full_name, m.available
				from service_queue_members m join users u on u.id = m.user_id order by u.full_name, u.id
				""")
			.query((rs, n) -> members.computeIfAbsent(rs.getLong("queue_id"), k -> new ArrayList<>())
				.add(new QueueSummary.Member(rs.getLong("user_id"), rs.getString("full_name"),
						rs.getBoolean("available"))))
			.list();
		return jdbc.sql("select id, name, description, version from service_queues order by lower(name), id")
			.query((rs, n) -> new QueueSummary(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
					rs.getLong("version"), members.getOrDefault(rs.getLong("id"), List.of())))
			.list();
	}

	@Transactional
	public long create(String name, String description) {
		String n = requireName(name);
		requireUniqueName(n, -1L);
		return jdbc.sql("insert into service_queues (name, description) values (?, ?) returning id")
			.params(n, blankToNull(description))
			.query(Long.class)
			.single();
	}

	@Transactional
	public void update(long queueId, String name, String description, long version) {
		String n = requireName(name);
		requireUniqueName(n, queueId);
		int updated = jdbc.sql("""
				update service_queues set name = ?, description = ?, version = version + 1, updated_at = now()
				where id = ? and version = ?
				""").params(n, blankToNull(description), queueId, version).update();
		if (updated == 0) {
			long current = jdbc.sql("select version from service_queues where id = ?")
				.param(queueId)
				.query(Long.class)
				.optional()
				.orElseThrow(() -> new NotFoundException("Queue", queueId));
			throw new StaleEditException("Queue", queueId, version, current);
		}
	}

	/**
	 * Adds an agent (staff user) to a queue, available; adding a member twice changes
	 * nothing.
	 */
	@Transactional
	public void addMember(long queueId, long userId) {
		requireQueue(queueId);
		if (jdbc.sql("select count(*) from users where id = ? and enabled and role <> 'CUSTOMER'")
			.param(userId)
			.query(Long.class)
			.single() == 0) {
			throw new NotFoundException("User", userId);
		}
		jdbc.sql("insert into service_queue_members (queue_id, user_id) values (?, ?) on conflict do nothing")
			.params(queueId, userId)
			.update();
	}

	@Transactional
	public void removeMember(long queueId, long userId) {
		jdbc.sql("delete from service_queue_members where queue_id = ? and user_id = ?")
			.params(queueId, userId)
			.update();
	}

	@Transactional
	public void setAvailable(long queueId, long userId, boolean available) {
		if (jdbc.sql("update service_queue_members set available = ? where queue_id = ? and user_id = ?")
			.params(available, queueId, userId)
			.update() == 0) {
			throw new NotFoundException("Queue member", queueId + "/" + userId);
		}
	}

	/**
	 * The queue's next available member after the one last picked (by user id, wrapping
	 * round), skipping {@code except}; advances the pointer. Empty when nobody is
	 * available.
	 */
	@Transactional
	public Optional<Long> nextAgent(long queueId, Long except) {
		Long last = jdbc.sql("select last_assignee_id from service_queues where id = ? for update")
			.param(queueId)
			.query((rs, n) -> new Long[] { rs.getObject(1, Long.class) })
			.optional()
			.orElseThrow(() -> new NotFoundException("Queue", queueId))[0];
		List<Long> available = jdbc.sql("""
				select m.user_id from service_queue_members m join users u on u.id = m.user_id
				where m.queue_id = ? and m.available and u.enabled and m.user_id <> ? order by m.user_id
				""").params(queueId, except == null ? -1L : except).query(Long.class).list();
		if (available.isEmpty()) {
			return Optional.empty();
		}
		long pointer = last == null ? -1L : last;
		long next = available.stream().filter(id -> id > pointer).findFirst().orElse(available.get(0));
		jdbc.sql("update service_queues set last_assignee_id = ? where id = ?").params(next, queueId).update();
		return Optional.of(next);
	}

	/** The ids of the queues a user is a member of. */
	@Transactional(readOnly = true)
	public List<Long> queuesOf(long userId) {
		return jdbc.sql("select queue_id from service_queue_members where user_id = ? order by queue_id")
			.param(userId)
			.query(Long.class)
			.list();
	}

	private void requireQueue(long queueId) {
		if (jdbc.sql("select count(*) from service_queues where id = ?")
			.param(queueId)
			.query(Long.class)
			.single() == 0) {
			throw new NotFoundException("Queue", queueId);
		}
	}

	private void requireUniqueName(String name, long exceptId) {
		if (jdbc.sql("select count(*) from service_queues where lower(name) = lower(?) and id <> ?")
			.params(name, exceptId)
			.query(Long.class)
			.single() > 0) {
			throw new RuleViolationException("queue.name.taken", "A queue with this name exists already.", name);
		}
	}

	private static String requireName(String name) {
		if (name == null || name.isBlank()) {
			throw new RuleViolationException("queue.name.required", "A queue needs a name.");
		}
		if (name.strip().length() > 100) {
			throw new RuleViolationException("queue.name.tooLong", "The name is longer than 100 characters.");
		}
		return name.strip();
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

}
