package org.opencrm.web.security;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/**
 * Spring Session's JDBC repository with one read and no write for a request that changed
 * nothing: by default every request reads the session, updates its last-access time (a
 * synchronous commit) and reads it again to decide about the cookie — three statements
 * and three transactions before the page does anything.
 * <ul>
 * <li>The last-access time is written only once it is {@code accessWriteInterval} old, or
 * with any other change (an attribute, a new id, a timeout).</li>
 * <li>The session a request has just saved answers that request's second look-up
 * ({@code SessionRepositoryFilter} asks again after saving); it is forgotten when the
 * request ends ({@link #requestEnded()}, called by a filter around Spring
 * Session's).</li>
 * <li>Reading the session runs once more when its connection broke (a database restart or
 * fail-over): it is every request's first statement, and a reload would only read it
 * again.</li>
 * </ul>
 */
@SuppressWarnings({ "rawtypes", "unchecked" })
class SessionWrites implements FindByIndexNameSessionRepository<SessionWrites.TrackedSession> {

	private static final ThreadLocal<TrackedSession> savedInThisRequest = new ThreadLocal<>();

	private final FindByIndexNameSessionRepository delegate;

	private final Duration accessWriteInterval;

	/** Runs a read once more on a broken connection ({@code ReadRetry}). */
	private final Function<Supplier<Session>, Session> reads;

	SessionWrites(FindByIndexNameSessionRepository<? extends Session> delegate, Duration accessWriteInterval,
			Function<Supplier<Session>, Session> reads) {
		this.delegate = delegate;
		this.accessWriteInterval = accessWriteInterval;
		this.reads = reads;
	}

	@Override
	public TrackedSession createSession() {
		return new TrackedSession(this.delegate.createSession(), true);
	}

	@Override
	public void save(TrackedSession session) {
		if (session.changed) {
			this.delegate.save(session.stored);
			session.changed = false;
		}
		savedInThisRequest.set(session);
	}

	@Override
	public TrackedSession findById(String id) {
		TrackedSession saved = savedInThisRequest.get();
		if (saved != null && saved.getId().equals(id)) {
			return saved;
		}
		Session stored = this.reads.apply(() -> this.delegate.findById(id));
		return (stored != null) ? new TrackedSession(stored, false) : null;
	}

	@Override
	public void deleteById(String id) {
		savedInThisRequest.remove();
		this.delegate.deleteById(id);
	}

	@Override
	public Map<String, TrackedSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
		Map<String, Session> found = this.delegate.findByIndexNameAndIndexValue(indexName, indexValue);
		Map<String, TrackedSession> sessions = new LinkedHashMap<>();
		found.forEach((id, session) -> sessions.put(id, new TrackedSession(session, false)));
		return sessions;
	}

	/** Forgets what the request saved, so the next request reads the session afresh. */
	static void requestEnded() {
		savedInThisRequest.remove();
	}

	/** The stored session, with a note of whether anything worth a write changed. */
	final class TrackedSession implements Session {

		private final Session stored;

		private boolean changed;

		TrackedSession(Session stored, boolean changed) {
			this.stored = stored;
			this.changed = changed;
		}

		@Override
		public void setLastAccessedTime(Instant lastAccessedTime) {
			if (!lastAccessedTime.isBefore(this.stored.getLastAccessedTime().plus(accessWriteInterval))) {
				this.stored.setLastAccessedTime(lastAccessedTime);
				this.changed = true;
			}
		}

		@Override
		public void setAttribute(String attributeName, Object attributeValue) {
			this.stored.setAttribute(attributeName, attributeValue);
			this.changed = true;
		}

		@Override
		public void removeAttribute(String attributeName) {
			this.stored.removeAttribute(attributeName);
			this.changed = true;
		}

		@Override
		public String changeSessionId() {
			this.changed = true;
			return this.stored.changeSessionId();
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			this.stored.setMaxInactiveInterval(interval);
			this.changed = true;
		}

		@Override
		public String getId() {
			return this.stored.getId();
		}

		@Override
		public <T> T getAttribute(String attributeName) {
			return this.stored.getAttribute(attributeName);
		}

		@Override
		public Set<String> getAttributeNames() {
			return this.stored.getAttributeNames();
		}

		@Override
		public Instant getCreationTime() {
			return this.stored.getCreationTime();
		}

		@Override
		public Instant getLastAccessedTime() {
			return this.stored.getLastAccessedTime();
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return this.stored.getMaxInactiveInterval();
		}

		@Override
		public boolean isExpired() {
			return this.stored.isExpired();
		}

	}

}
