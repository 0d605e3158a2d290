package org.opencrm.web.sales;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Locale;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.Visibility;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * What the sales pages share: the signed-in user's visibility, a broken rule as the
 * sentence the user reads. (Money and figures for templates: {@link SalesFormats}, bean
 * "salesFmt".)
 */
@Component
public class SalesWeb {

	private final MessageSource messages;

	SalesWeb(MessageSource messages) {
		this.messages = messages;
	}

	public static Visibility visibility(CrmUser user) {
		return Visibility.of(user);
	}

	/**
	 * Support agents and marketers read sales records; only sales roles and admins change
	 * them.
	 */
	public static boolean canEdit(CrmUser user) {
		return user.role() == Role.ADMIN || user.role() == Role.MANAGER || user.role() == Role.SALES_REP;
	}

	public String text(RuleViolationException ex) {
		return messages.getMessage(ex.code(), ex.args(), ex.getMessage(), LocaleContextHolder.getLocale());
	}

}
