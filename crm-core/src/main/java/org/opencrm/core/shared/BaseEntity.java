package org.opencrm.core.shared;

import jakarta.persistence.Column;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.time.Instant;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.jpa.domain.support.AuditingEntityListener;

/**
 * Identity, optimistic-lock version and audit timestamps shared by every mutable
 * aggregate. The timestamps come from the application's {@code Clock} (Spring Data's
 * auditing, see {@code CoreConfiguration}), like every other time the application stores.
 */
@MappedSuperclass
@EntityListeners(AuditingEntityListener.class)
public abstract class BaseEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Version
	private long version;

	@CreatedDate
	@Column(nullable = false, updatable = false)
	private Instant createdAt;

	@LastModifiedDate
	@Column(nullable = false)
	private Instant updatedAt;

	public Long getId() {
		return id;
	}

	public long getVersion() {
		return version;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public Instant getUpdatedAt() {
		return updatedAt;
	}

	/**
	 * Hibernate ignores a version copied onto a loaded entity, so a form's version is
	 * compared here: an edit made on a stale copy must conflict, not silently win.
	 */
	public void checkVersion(long submittedVersion) {
		if (submittedVersion != version) {
			throw new StaleEditException(getClass().getSimpleName(), id, submittedVersion, version);
		}
	}

}
