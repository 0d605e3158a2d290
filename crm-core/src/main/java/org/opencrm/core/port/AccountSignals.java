package org.opencrm.core.port;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What the modules measured about one account for its health score. Each module fills its
 * own part (sales: purchases; service: complaints and SLA breaches; marketing: e-mail and
 * form engagement; core: conversations on the timeline) and leaves the rest empty;
 * {@link #plus} merges the parts.
 *
 * @param lastPurchaseOn day of the newest won deal (null: never bought)
 * @param purchases number of won deals, ever
 * @param revenue won amount, ever, in the requested currency only
 * @param openComplaints complaint tickets not yet resolved or closed
 * @param slaBreaches SLA breaches on the account's tickets within the window
 * @param emailOpens marketing e-mails first opened within the window
 * @param emailClicks marketing e-mails first clicked within the window
 * @param formSubmits web-form submissions within the window
 * @param conversations calls, e-mails and meetings on the timeline within the window
 * @param priorConversations the same in the window before that (for the trend)
 */
public record AccountSignals(long accountId, LocalDate lastPurchaseOn, int purchases, BigDecimal revenue,
		int openComplaints, int slaBreaches, int emailOpens, int emailClicks, int formSubmits, int conversations,
		int priorConversations) {

	public static AccountSignals none(long accountId) {
		return new AccountSignals(accountId, null, 0, BigDecimal.ZERO, 0, 0, 0, 0, 0, 0, 0);
	}

	public static AccountSignals purchases(long accountId, LocalDate lastPurchaseOn, int purchases,
			BigDecimal revenue) {
		return new AccountSignals(accountId, lastPurchaseOn, purchases, revenue == null ? BigDecimal.ZERO : revenue, 0,
				0, 0, 0, 0, 0, 0);
	}

	public static AccountSignals service(long accountId, int openComplaints, int slaBreaches) {
		return new AccountSignals(accountId, null, 0, BigDecimal.ZERO, openComplaints, slaBreaches, 0, 0, 0, 0, 0);
	}

	public static AccountSignals engagement(long accountId, int emailOpens, int emailClicks, int formSubmits) {
		return new AccountSignals(accountId, null, 0, BigDecimal.ZERO, 0, 0, emailOpens, emailClicks, formSubmits, 0,
				0);
	}

	public static AccountSignals conversations(long accountId, int conversations, int priorConversations) {
		return new AccountSignals(accountId, null, 0, BigDecimal.ZERO, 0, 0, 0, 0, 0, conversations,
				priorConversations);
	}

	/** Both parts together: counts add up, the later purchase day wins. */
	public AccountSignals plus(AccountSignals o) {
		LocalDate last = lastPurchaseOn == null ? o.lastPurchaseOn
				: o.lastPurchaseOn == null || lastPurchaseOn.isAfter(o.lastPurchaseOn) ? lastPurchaseOn
						: o.lastPurchaseOn;
		return new AccountSignals(accountId, last, purchases + o.purchases, revenue.add(o.revenue),
				openComplaints + o.openComplaints, slaBreaches + o.slaBreaches, emailOpens + o.emailOpens,
				emailClicks + o.emailClicks, formSubmits + o.formSubmits, conversations + o.conversations,
				priorConversations + o.priorConversations);
	}
}
