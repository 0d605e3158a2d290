package org.opencrm.service.mail;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fetches the support mailbox. One node at a time: a poll first takes the mailbox's lease
 * row (a conditional update, so two nodes can't both win); each message is stored raw
 * (committed) before it is deleted on the server, so a crash in between means a second
 * fetch, which the unique Message-ID turns into a no-op — never a lost mail and never a
 * second ticket.
 */
@Service
class InboundMailPoller {

	static final Duration LEASE = Duration.ofMinutes(5);

	static final int MAX_PER_POLL = 200;

	private static final Log log = LogFactory.getLog(InboundMailPoller.class);

	private final JdbcClient jdbc;

	private final InboundMailService inbound;

	private final MailSettings settings;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final String holder = UUID.randomUUID().toString();

	InboundMailPoller(JdbcClient jdbc, InboundMailService inbound, MailSettings settings, TransactionTemplate tx,
			Clock clock) {
		this.jdbc = jdbc;
		this.inbound = inbound;
		this.settings = settings;
		this.tx = tx;
		this.clock = clock;
	}

	/**
	 * Fetches what is in the mailbox (when this node gets the lease) and processes
	 * everything stored.
	 * @return how many messages were fetched and stored by this call
	 */
	public int poll() {
		if (!settings.inboundConfigured()) {
			return 0;
		}
		int stored = 0;
		if (lease()) {
			try {
				stored = fetch();
			}
			finally {
				release();
			}
		}
		inbound.processPending();
		return stored;
	}

	private boolean lease() {
		Instant now = clock.instant();
		return Boolean.TRUE.equals(tx.execute(s -> {
			jdbc.sql("insert into mail_poll_leases (mailbox) values (?) on conflict do nothing")
				.param(settings.inbound().username())
				.update();
			return jdbc.sql("""
					update mail_poll_leases set holder = ?, leased_until = ?
					where mailbox = ? and (leased_until < ? or holder = ?)
					""")
				.params(holder, Timestamp.from(now.plus(LEASE)), settings.inbound().username(), Timestamp.from(now),
						holder)
				.update() == 1;
		}));
	}

	private void release() {
		jdbc.sql("""
				update mail_poll_leases set holder = null, leased_until = '-infinity', last_polled_at = ?
				where mailbox = ? and holder = ?
				""").params(Timestamp.from(clock.instant()), settings.inbound().username(), holder).update();
	}

	private int fetch() {
		int stored = 0;
		Store store = null;
		try {
			store = Session.getInstance(new Properties()).getStore(settings.inbound().protocol());
			MailSettings.Inbound box = settings.inbound();
			store.connect(box.host(), box.port(), box.username(), box.password());
			Folder inbox = store.getFolder("INBOX");
			inbox.open(Folder.READ_WRITE);
			int count = Math.min(inbox.getMessageCount(), MAX_PER_POLL);
			try {
				for (int i = 1; i <= count; i++) {
					Message message = inbox.getMessage(i);
					if (message.isSet(Flags.Flag.DELETED)) {
						continue;
					}
					ByteArrayOutputStream raw = new ByteArrayOutputStream();
					message.writeTo(raw);
					// Stored and committed first; only then may the server forget it.
					if (inbound.store(settings.inbound().username(), raw.toByteArray()).isPresent()) {
						stored++;
					}
					message.setFlag(Flags.Flag.DELETED, true);
				}
			}
			finally {
				inbox.close(true);
			}
		}
		catch (MessagingException | IOException ex) {
			log.warn("Fetching the support mailbox " + settings.inbound().username() + " failed: " + ex.getMessage());
		}
		finally {
			if (store != null) {
				try {
					store.close();
				}
				catch (MessagingException ex) {
					// already closed
				}
			}
		}
		return stored;
	}

}
