package org.opencrm.core.port;

import java.time.Instant;
import java.util.List;

/**
 * A module's measurements for the customer health score, for a batch of accounts at once.
 * Every implementation answers with ONE set-based statement per call (never a query per
 * account), so a full recompute of a million accounts is a few statements per thousand
 * accounts. Accounts the module knows nothing about may be left out.
 */
public interface CustomerSignals {

	List<AccountSignals> forAccounts(Request request);

	/**
	 * @param accountIds the batch (at most a few thousand)
	 * @param now the moment of the computation
	 * @param since start of the counting window (signals "within the window" are at or
	 * after it)
	 * @param currency revenue is summed in this currency only (amounts are never
	 * converted)
	 */
	record Request(Long[] accountIds, Instant now, Instant since, String currency) {
	}

}
