package org.opencrm.core.timeline;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import org.opencrm.core.shared.BaseEntity;

@Entity
@Table(name = "interactions")
class Interaction extends BaseEntity {

	@Enumerated(EnumType.STRING)
	private InteractionKind kind;

	private Instant occurredAt;

	private Long accountId;

	private Long contactId;

	private String subject;

	private String body;

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
		this.subject = cmd.subject();
		this.body = cmd.body();
		this.sourceModule = cmd.sourceModule();
		this.sourceRef = cmd.sourceRef();
		this.authorId = authorId;
	}

}
