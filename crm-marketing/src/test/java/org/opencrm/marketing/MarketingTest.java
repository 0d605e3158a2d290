package org.opencrm.marketing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.opencrm.marketing.segment.SegmentMembers;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.opencrm.core.mail.MailGateway;
import org.opencrm.core.mail.MailWorker;
import org.opencrm.marketing.send.SendProgress;
import org.opencrm.test.MovableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Shared set-up of marketing's tests: one in-process GreenMail SMTP server per test JVM
 * (the sender's {@code spring.mail.*} points at it), segments that are "contacts with a
 * tag", and a mail gateway that can refuse connections or simulate a crash, around the
 * real SMTP one.
 */
@SpringBootTest
@org.springframework.context.annotation.Import(MarketingTestBeans.class)
public abstract class MarketingTest {

	public static final GreenMail MAIL = startMail();

	private static GreenMail startMail() {
		GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		mail.start();
		return mail;
	}

	@DynamicPropertySource
	static void mail(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
	}

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected TagSegments segments;

	@Autowired
	protected TestGateway gateway;

	@Autowired
	protected MovableClock clock;

	@Autowired
	protected MailWorker worker;

	@Autowired
	protected SendProgress progress;

	@BeforeEach
	void resetMail() throws Exception {
		MAIL.purgeEmailFromAllMailboxes();
		gateway.reset();
		clock.reset();
		worker.resumeNow();
	}

	/**
	 * Sends everything due through core's outbox as one fresh worker, then lets marketing
	 * follow up (outcomes, timeline, campaigns done).
	 */
	protected int sendAll(int batchSize) {
		int sent = worker.drain(MailWorker.newWorkerId(), batchSize);
		progress.run();
		return sent;
	}

	/** Segments for tests: segment N = the contacts carrying the tag defined for it. */
	public static class TagSegments implements SegmentMembers {

		private final Map<Long, String> tags = new ConcurrentHashMap<>();

		private final JdbcClient jdbc;

		public TagSegments(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		/**
		 * A real (static) segments row, so campaigns' foreign key holds; its members come
		 * from the tag.
		 */
		public long define(String tag) {
			long id = jdbc.sql("insert into segments (name, kind) values (?, 'STATIC') returning id")
				.param("Tag " + tag + " " + java.util.UUID.randomUUID())
				.query(Long.class)
				.single();
			tags.put(id, tag);
			return id;
		}

		/**
		 * From now on the segment can't be evaluated (as if its definition were gone).
		 */
		public void forget(long segmentId) {
			tags.remove(segmentId);
		}

		@Override
		public MemberQuery query(long segmentId) {
			String tag = tags.get(segmentId);
			if (tag == null) {
				throw new org.opencrm.core.shared.NotFoundException("Segment", segmentId);
			}
			return new MemberQuery("select id as contact_id from contacts where tags @> array[?]::text[]",
					List.of(tag));
		}

	}

	/** Thrown to stand for the JVM dying: an Error, so no worker clean-up code runs. */
	public static class SimulatedCrash extends Error {

		public SimulatedCrash() {
			super("simulated crash");
		}

	}

	/**
	 * The real SMTP gateway with switches: refuse to connect, crash when opening, or
	 * crash right after the server accepted the N-th message (before the worker can
	 * record it).
	 */
	public static class TestGateway implements MailGateway {

		private final java.util.function.Supplier<MailGateway> realGateway;

		public volatile boolean refuseConnections;

		public volatile boolean crashOnOpen;

		public volatile int crashAfterAccepted = -1;

		/** Sends to this instead of the test JVM's GreenMail, when set. */
		public volatile MailGateway override;

		/** Answers every message with this SMTP reply code (e.g. 451), when set. */
		public volatile int refuseWith;

		public final AtomicInteger accepted = new AtomicInteger();

		public TestGateway(java.util.function.Supplier<MailGateway> real) {
			this.realGateway = real;
		}

		public void reset() {
			refuseConnections = false;
			crashOnOpen = false;
			crashAfterAccepted = -1;
			override = null;
			refuseWith = 0;
			accepted.set(0);
		}

		@Override
		public Session session() {
			return realGateway.get().session();
		}

		@Override
		public Connection open() throws MessagingException {
			if (refuseConnections) {
				throw new MessagingException("Connection refused (test)");
			}
			if (crashOnOpen) {
				throw new SimulatedCrash();
			}
			Connection c = (override != null ? override : realGateway.get()).open();
			return new Connection() {
				@Override
				public void send(MimeMessage message) throws MessagingException {
					if (refuseWith > 0) {
						throw new SMTPSendFailedException("DATA", refuseWith, refuseWith + " not now (test)", null,
								null, null, null);
					}
					c.send(message);
					int n = accepted.incrementAndGet();
					if (n == crashAfterAccepted) {
						throw new SimulatedCrash();
					}
				}

				@Override
				public void close() {
					c.close();
				}
			};
		}

	}

}
