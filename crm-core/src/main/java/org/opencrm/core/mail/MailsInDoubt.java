package org.opencrm.core.mail;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.shared.MailKind;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mails in doubt (UNKNOWN): the line broke after the end of the message, or a node
 * died during the SMTP call, so the server may have accepted them. Nothing resends them
 * automatically (never twice); a person reads the list and resends deliberately, and the
 * audit trail records who did.
 */
@Service
public class MailsInDoubt {

	/** Audit trail's name for an outbox row. */
	public static final String AUDIT_TYPE = "mail";

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final Clock clock;

	MailsInDoubt(JdbcClient jdbc, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * One mail in doubt. {@code subject} is null for a campaign or sequence mail (it is
	 * rendered when sent); {@code purpose} names it then.
	 */
	public record InDoubt(long id, MailKind kind, String purpose, String toAddress, String subject, String messageId,
			Instant smtpStartedAt, Instant updatedAt, String lastError, int attempts) {
	}

	/**
	 * The newest mails in doubt, of {@code kind} only when given (a marketer sees the
	 * marketing ones).
	 */
	@Transactional(readOnly = true)
	public List<InDoubt> list(MailKind kind, int limit) {
		return jdbc.sql("""
				select id, kind, purpose, to_address, subject, message_id, smtp_started_at, updated_at, last_error,
				       attempts
				from mail_outbox
				where status = 'UNKNOWN' and (cast(? as varchar) is null or kind = ?)
				order by id desc limit ?
				""")
			.params(kind == null ? null : kind.name(), kind == null ? null : kind.name(), limit)
			.query(Rows.of(InDoubt.class))
			.list();
	}

	@Transactional(readOnly = true)
	public long count(MailKind kind) {
		return jdbc.sql("""
				select count(*) from mail_outbox where status = 'UNKNOWN' and (cast(? as varchar) is null or kind = ?)
				""")
			.params(kind == null ? null : kind.name(), kind == null ? null : kind.name())
			.query(Long.class)
			.single();
	}

	/**
	 * Queues a mail in doubt again, now: the person resending accepts that its recipient
	 * may get it twice. Only mails still in doubt, and of {@code kind} when given.
	 * @throws NotFoundException when there is no such mail in doubt
	 */
	@Transactional
	public void resend(long id, MailKind kind) {
		Timestamp now = Timestamp.from(clock.instant());
		int changed = jdbc.sql("""
				update mail_outbox set status = 'PENDING', next_attempt_at = ?, claimed_by = null, claimed_until = null,
				       smtp_started_at = null, last_error = null, updated_at = ?
				where id = ? and status = 'UNKNOWN' and (cast(? as varchar) is null or kind = ?)
				""")
			.params(now, now, id, kind == null ? null : kind.name(), kind == null ? null : kind.name())
			.update();
		if (changed == 0) {
			throw new NotFoundException("Mail", id);
		}
		audit.changed(AUDIT_TYPE, id, Map.of("status", "UNKNOWN"), Map.of("status", "PENDING"));
	}

}
