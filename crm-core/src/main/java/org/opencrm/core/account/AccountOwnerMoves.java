package org.opencrm.core.account;

import java.util.Optional;
import org.opencrm.core.shared.Rows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves the contacts of accounts that changed hands in the background, for accounts too
 * large to move inside the owner change's request (queued by the trigger
 * {@code accounts_owner_to_contacts}, V202612072350). One batch per transaction: the
 * queue row is claimed with {@code skip locked}, so nodes share the queue and never work
 * the same account at once; the batch's contacts and their search-word links move
 * together to the owner the account row has then; the row records how far it got, so a
 * failed batch or a dead node resumes after the last committed one. The row goes when no
 * contact is left.
 */
@Component
@EnableConfigurationProperties(AccountOwnerMoveSettings.class)
public class AccountOwnerMoves {

	private static final Logger log = LoggerFactory.getLogger(AccountOwnerMoves.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final AccountOwnerMoveSettings settings;

	AccountOwnerMoves(JdbcClient jdbc, PlatformTransactionManager transactionManager,
			AccountOwnerMoveSettings settings) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.settings = settings;
	}

	/** One batch of the oldest move no other node is working; false when none is left. */
	public boolean moveBatch() {
		return moveBatch(settings.batchSize());
	}

	/** Works every queued move to its end (what the scheduled job does on each tick). */
	public void moveAll() {
		while (moveBatch()) {
			Thread.onSpinWait();
		}
	}

	boolean moveBatch(int batchSize) {
		Boolean worked = transactions.execute(tx -> {
			Optional<Claim> claim = claim();
			if (claim.isEmpty()) {
				return false;
			}
			Claim c = claim.get();
			Batch batch = jdbc.sql("select last_id, changed from account_owner_move_batch(?, ?, ?)")
				.params(c.accountId(), c.movedThrough(), batchSize)
				.query(Rows.of(Batch.class))
				.single();
			if (batch.lastId() == null) {
				jdbc.sql("delete from account_owner_moves where account_id = ?").param(c.accountId()).update();
				log.info("Account {}: its contacts are with its new owner", c.accountId());
			}
			else {
				jdbc.sql("update account_owner_moves set moved_through = ?, moved = moved + ? where account_id = ?")
					.params(batch.lastId(), batch.changed(), c.accountId())
					.update();
			}
			return true;
		});
		return Boolean.TRUE.equals(worked);
	}

	/**
	 * The oldest queued move whose account row and queue row nobody holds. The account
	 * row is locked first ("for share", as each batch reads it), as the owner change
	 * locks it before it upserts the queue row: in the other order a batch waiting for an
	 * owner change in flight, and that change waiting for the queue row the batch holds,
	 * would deadlock. Neither lock waits (skip locked): an account whose owner is
	 * changing right now is taken on the next tick.
	 */
	private Optional<Claim> claim() {
		return jdbc.sql("""
				select q.account_id, q.moved_through
				from account_owner_moves q join accounts a on a.id = q.account_id
				order by q.queued_at, q.account_id
				limit 1
				for share of a skip locked for update of q skip locked
				""").query(Rows.of(Claim.class)).optional();
	}

	record Claim(long accountId, long movedThrough) {
	}

	record Batch(Long lastId, Integer changed) {
	}

}
