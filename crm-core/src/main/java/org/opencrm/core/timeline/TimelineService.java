package org.opencrm.core.timeline;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.core.event.InteractionRecorded;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.KeysetSort;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.References;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.shared.Actor;
import org.opencrm.core.user.Visibility;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place every module writes points of contact to, and the newest-first reading of
 * an account's or a contact's history.
 */
@Service
public class TimelineService {

	private final InteractionRepository interactions;

	private final ApplicationEventPublisher events;

	private final JdbcClient jdbc;

	private final AccountAccess access;

	private final MessageSource messages;

	private final Clock clock;

	private final List<LoggedEntryListener> loggedEntryListeners;

	TimelineService(InteractionRepository interactions, ApplicationEventPublisher events, JdbcClient jdbc,
			AccountAccess access, MessageSource messages, Clock clock, List<LoggedEntryListener> loggedEntryListeners) {
		this.loggedEntryListeners = loggedEntryListeners;
		this.interactions = interactions;
		this.events = events;
		this.jdbc = jdbc;
		this.access = access;
		this.messages = messages;
		this.clock = clock;
	}

	/**
	 * A user logs a call, e-mail, meeting or note on a customer: the account and the
	 * person must be ones they may see, else "not found" and nothing is recorded.
	 */
	@Transactional
	public long log(RecordInteraction cmd, Visibility visibility) {
		access.requireCustomer(cmd.accountId(), cmd.contactId(), visibility);
		long id = write(cmd);
		loggedEntryListeners.forEach(listener -> listener.logged(cmd, cmd.accountId()));
		return id;
	}

	/**
	 * Records an entry in the caller's transaction (a system flow; users go through
	 * {@link #log}); returns its id. The subject is a message key with arguments: a
	 * system flow never stores text of its own, so every reader sees it in their
	 * language.
	 * @throws IllegalArgumentException for a subject that is plain words
	 */
	@Transactional
	public long record(RecordInteraction cmd) {
		if (!cmd.subject().isMessage()) {
			throw new IllegalArgumentException(
					"A system entry's subject is a message key (TimelineText.of); only log() keeps a person's words");
		}
		return write(cmd);
	}

	/**
	 * {@link #record} for many entries at once (a campaign's sent mails): the same
	 * entries, last-activity times and {@link InteractionRecorded} events, written with
	 * three statements whatever their number instead of four per entry. All or nothing:
	 * an unknown account or contact writes none.
	 * @return the entries' ids, in the order given
	 */
	@Transactional
	public List<Long> recordAll(List<RecordInteraction> cmds) {
		if (cmds.isEmpty()) {
			return List.of();
		}
		for (RecordInteraction cmd : cmds) {
			if (!cmd.subject().isMessage()) {
				throw new IllegalArgumentException(
						"A system entry's subject is a message key (TimelineText.of); only log() keeps a person's words");
			}
		}
		cmds.stream()
			.map(RecordInteraction::accountId)
			.filter(Objects::nonNull)
			.distinct()
			.forEach(id -> References.requireAccount(jdbc, id));
		Long[] contactIds = cmds.stream()
			.map(RecordInteraction::contactId)
			.filter(Objects::nonNull)
			.distinct()
			.toArray(Long[]::new);
		Map<Long, Long> accountOfContact = new HashMap<>();
		jdbc.sql("select id, account_id from contacts where id = any(?)")
			.param(contactIds)
			.query((rs, row) -> accountOfContact.put(rs.getLong(1), rs.getObject(2, Long.class)))
			.list();
		for (Long contactId : contactIds) {
			if (!accountOfContact.containsKey(contactId)) {
				throw new NotFoundException("Contact", contactId);
			}
		}
		int n = cmds.size();
		String[] kinds = new String[n];
		String[] at = new String[n];
		Long[] accounts = new Long[n];
		Long[] contacts = new Long[n];
		String[] subjectKeys = new String[n];
		String[] subjectArgs = new String[n];
		String[] bodies = new String[n];
		String[] bodyKeys = new String[n];
		String[] bodyArgs = new String[n];
		String[] modules = new String[n];
		String[] refs = new String[n];
		for (int i = 0; i < n; i++) {
			RecordInteraction cmd = cmds.get(i);
			kinds[i] = cmd.kind().name();
			at[i] = cmd.occurredAt().toString();
			accounts[i] = cmd.accountId() != null || cmd.contactId() == null ? cmd.accountId()
					: accountOfContact.get(cmd.contactId());
			contacts[i] = cmd.contactId();
			subjectKeys[i] = cmd.subject().key();
			subjectArgs[i] = cmd.subject().argsJson();
			TimelineText body = cmd.body();
			bodies[i] = body == null ? null : body.words();
			bodyKeys[i] = body == null ? null : body.key();
			bodyArgs[i] = body == null ? null : body.argsJson();
			modules[i] = cmd.sourceModule();
			refs[i] = cmd.sourceRef();
		}
		jdbc.sql("""
				update contacts c set last_activity_at = greatest(coalesce(c.last_activity_at, t.at), t.at)
				from (select id, max(at) as at from unnest(cast(? as bigint[]), cast(? as timestamptz[])) as u(id, at)
				      where id is not null group by id) t
				where c.id = t.id
				""").params(contacts, at).update();
		Timestamp now = Timestamp.from(clock.instant());
		// Inserted, and the ids returned, in the order given (ordinality).
		List<Long> ids = jdbc
			.sql("""
					insert into interactions (kind, occurred_at, account_id, contact_id, subject_key, subject_args, body, body_key,
					                          body_args, source_module, source_ref, author_id, version, created_at, updated_at)
					select e.kind, e.at, e.account_id, e.contact_id, e.subject_key, cast(e.subject_args as jsonb), e.body,
					       e.body_key, cast(e.body_args as jsonb), e.module, e.ref, ?, 0, ?, ?
					from unnest(cast(? as varchar[]), cast(? as timestamptz[]), cast(? as bigint[]), cast(? as bigint[]),
					            cast(? as varchar[]), cast(? as text[]), cast(? as text[]), cast(? as varchar[]),
					            cast(? as text[]), cast(? as varchar[]), cast(? as varchar[]))
					     with ordinality as e(kind, at, account_id, contact_id, subject_key, subject_args, body, body_key,
					                          body_args, module, ref, n)
					order by e.n
					returning id
					""")
			.params(Actor.currentIdOrNull(), now, now, kinds, at, accounts, contacts, subjectKeys, subjectArgs, bodies,
					bodyKeys, bodyArgs, modules, refs)
			.query(Long.class)
			.list();
		for (int i = 0; i < n; i++) {
			RecordInteraction cmd = cmds.get(i);
			events.publishEvent(new InteractionRecorded(ids.get(i), cmd.kind().name(), accounts[i], cmd.contactId(),
					cmd.occurredAt()));
		}
		return ids;
	}

	private long write(RecordInteraction cmd) {
		Long accountId = cmd.accountId();
		References.requireAccount(jdbc, accountId);
		if (cmd.contactId() != null) {
			Long contactAccount = References.accountOfContact(jdbc, cmd.contactId());
			// An entry about a person lands on their company's timeline too, unless the
			// caller named one.
			if (accountId == null) {
				accountId = contactAccount;
			}
			var at = Timestamp.from(cmd.occurredAt());
			jdbc.sql("update contacts set last_activity_at = greatest(coalesce(last_activity_at, ?), ?) where id = ?")
				.params(at, at, cmd.contactId())
				.update();
		}
		Interaction saved = interactions.save(new Interaction(cmd, accountId, Actor.currentIdOrNull()));
		events.publishEvent(new InteractionRecorded(saved.getId(), cmd.kind().name(), accountId, cmd.contactId(),
				cmd.occurredAt()));
		return saved.getId();
	}

	/**
	 * Part of deleting a contact: entries about the person alone go; those that also
	 * belong to an account stay there without the person.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void forgetContact(long contactId) {
		jdbc.sql("delete from interactions where contact_id = ? and account_id is null").param(contactId).update();
		jdbc.sql("update interactions set contact_id = null where contact_id = ?").param(contactId).update();
	}

	/** Part of deleting an account: its timeline goes with it. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void forgetAccount(long accountId) {
		jdbc.sql("delete from interactions where account_id = ?").param(accountId).update();
	}

	/** An account's entries, rendered in the current request's locale. */
	@Transactional(readOnly = true)
	public KeysetPage<TimelineEntry> forAccount(long accountId, Collection<InteractionKind> kinds, String cursor,
			int pageSize) {
		return forAccount(accountId, kinds, cursor, pageSize, LocaleContextHolder.getLocale());
	}

	@Transactional(readOnly = true)
	public KeysetPage<TimelineEntry> forAccount(long accountId, Collection<InteractionKind> kinds, String cursor,
			int pageSize, Locale locale) {
		return page(new SqlWhere().and("i.account_id = :subject", "subject", accountId), kinds, cursor, pageSize,
				locale);
	}

	/** A contact's entries, rendered in the current request's locale. */
	@Transactional(readOnly = true)
	public KeysetPage<TimelineEntry> forContact(long contactId, Collection<InteractionKind> kinds, String cursor,
			int pageSize) {
		return forContact(contactId, kinds, cursor, pageSize, LocaleContextHolder.getLocale());
	}

	@Transactional(readOnly = true)
	public KeysetPage<TimelineEntry> forContact(long contactId, Collection<InteractionKind> kinds, String cursor,
			int pageSize, Locale locale) {
		return page(new SqlWhere().and("i.contact_id = :subject", "subject", contactId), kinds, cursor, pageSize,
				locale);
	}

	private KeysetPage<TimelineEntry> page(SqlWhere where, Collection<InteractionKind> kinds, String cursor,
			int pageSize, Locale locale) {
		if (kinds != null && !kinds.isEmpty()) {
			where.and("i.kind in (:kinds)", "kinds", kinds.stream().map(Enum::name).toList());
		}
		Keyset.Cursor c = Keyset.decode(cursor);
		KeysetSort sort = KeysetSort.newestFirst("i.occurred_at");
		String orderBy = sort.orderBy(where, c, "i.id");
		String sql = """
				select i.id, i.kind, i.occurred_at, i.account_id, a.name as account_name, i.contact_id,
				       ct.first_name || ' ' || ct.last_name as contact_name, i.subject, i.subject_key,
				       i.subject_args, i.body, i.body_key, i.body_args, i.source_module, i.source_ref,
				       u.full_name as author_name, %s as sort_key
				from interactions i
				left join accounts a on a.id = i.account_id
				left join contacts ct on ct.id = i.contact_id
				left join users u on u.id = i.author_id
				%s %s
				limit :limit
				""".formatted(sort.keyExpression(), where.sql(), orderBy);
		List<TimelineEntry> rows = where.bind(jdbc.sql(sql)).param("limit", pageSize + 1).query((rs, n) -> {
			// Entries from before keys were stored keep their text.
			TimelineText subject = TimelineText.stored(rs.getString("subject_key"), rs.getString("subject_args"),
					rs.getString("subject"));
			TimelineText body = TimelineText.stored(rs.getString("body_key"), rs.getString("body_args"),
					rs.getString("body"));
			Timestamp at = rs.getTimestamp("occurred_at");
			return new TimelineEntry(rs.getLong("id"), InteractionKind.valueOf(rs.getString("kind")), at.toInstant(),
					rs.getObject("account_id", Long.class), rs.getString("account_name"),
					rs.getObject("contact_id", Long.class), rs.getString("contact_name"),
					subject.render(messages, locale), body == null ? null : body.render(messages, locale),
					rs.getString("source_module"), rs.getString("source_ref"), rs.getString("author_name"),
					rs.getString("sort_key"), subject.key());
		}).list();
		// The timeline is read a page at a time ("load more"), so it carries no total.
		return Keyset.page(rows, pageSize, c, TimelineEntry::sortKey, TimelineEntry::id, null);
	}

}
