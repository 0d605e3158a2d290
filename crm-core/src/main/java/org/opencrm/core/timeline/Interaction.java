package org.opencrm.core.timeline;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.opencrm.core.shared.BaseEntity;

@Entity
@Table(name = "interactions")
class Interaction extends BaseEntity {

	@Enumerated(EnumType.STRING)
	private InteractionKind kind;

	private Instant occurredAt;

	private Long accountId;

	private Long contactId;

	/** What a person wrote as the subject; null when {@link #subjectKey} is set. */
	private String subject;

	private String subjectKey;

	@JdbcTypeCode(SqlTypes.JSON)
	private String subjectArgs;

	private String body;

	private String bodyKey;

	@JdbcTypeCode(SqlTypes.JSON)
	private String bodyArgs;

	private String sourceModule;

	private String sourceRef;

	private Long authorId;

	protected Interaction() {
	}

	Interaction(RecordInteraction cmd, Long accountId, Long authorId) {
		this.kind = cmd.kind();
		this.occurredAt = cmd.occurredAt();
		this.accountId = accountId;
		this.contactId = cmd.contactId();
		TimelineText s = cmd.subject();
		this.subject = s.isMessage() ? null : truncate(s.words(), 300);
		this.subjectKey = s.key();
		this.subjectArgs = s.argsJson();
		TimelineText b = cmd.body();
		if (b != null) {
			this.body = b.words();
			this.bodyKey = b.key();
			this.bodyArgs = b.argsJson();
		}
		this.sourceModule = cmd.sourceModule();
		this.sourceRef = cmd.sourceRef();
		this.authorId = authorId;
	}

	private static String truncate(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max);
	}

}
