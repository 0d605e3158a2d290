package org.opencrm.marketing.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.opencrm.marketing.EngagementRecorded;
import org.opencrm.marketing.EngagementRecorded.Type;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every campaign mail sent announces itself (SendProgress); scoring's listener only takes
 * the engagements it counts, so a sent mail stores no event publication (one insert and
 * two updates per mail otherwise, in bench/campaign-send-100k.sh).
 */
@SpringBootTest
class EngagementPublicationsTest {

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aSentMailStoresNoPublicationAnOpenDoes() {
		String sent = publish(Type.SENT);
		String replied = publish(Type.REPLIED);
		String opened = publish(Type.OPENED);

		assertThat(publications(sent)).isZero();
		assertThat(publications(replied)).isZero();
		assertThat(publications(opened)).isEqualTo(1);
	}

	private String publish(Type type) {
		String email = type.name().toLowerCase() + "." + ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)
				+ "@example.com";
		tx.executeWithoutResult(
				s -> events.publishEvent(new EngagementRecorded(null, email, type, null, Instant.now())));
		return email;
	}

	private long publications(String email) {
		return jdbc.sql("select count(*) from event_publication where serialized_event like ?")
			.param("%" + email + "%")
			.query(Long.class)
			.single();
	}

}
