package org.opencrm.core.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lets a listener act on an event once, however often it is delivered (a node re-sending
 * a publication another node is still handling, a restart). The receipt is written in the
 * listener's own transaction: a listener that fails leaves none, and a second delivery
 * running at the same time waits on the first one's uncommitted row, then finds it and
 * does nothing. Use it only where the effect has no unique key of its own.
 */
@Service
public class EventReceipts {

	private final JdbcClient jdbc;

	EventReceipts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claims the event for {@code consumer}.
	 * @param consumer who acts on it, e.g. {@code sales.lead-capture}
	 * @param event the event's fields that identify it (its record does: equal events are
	 * the same event)
	 * @return {@code true} the first time, {@code false} for every later delivery
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean firstDelivery(String consumer, Object event) {
		return jdbc.sql("""
				insert into event_receipts (consumer, event_key) values (?, ?)
				on conflict (consumer, event_key) do nothing
				""").params(consumer, key(event)).update() == 1;
	}

	static String key(Object event) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((event.getClass().getName() + ':' + Objects.toString(event)).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
