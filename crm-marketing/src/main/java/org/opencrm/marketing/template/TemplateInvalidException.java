package org.opencrm.marketing.template;

import org.opencrm.core.shared.RuleViolationException;

/**
 * A template that can't be sent as written: an unknown merge field or broken HTML. Says
 * which form field ({@code subject}, {@code htmlBody}, {@code textBody}) and where
 * (line:column) so the form can point at it.
 */
public class TemplateInvalidException extends RuleViolationException {

	private final String field;

	private final int line;

	private final int column;

	TemplateInvalidException(String field, int line, int column, String code, String defaultMessage, Object... args) {
		super(code, defaultMessage, args);
		this.field = field;
		this.line = line;
		this.column = column;
	}

	public String field() {
		return field;
	}

	public int line() {
		return line;
	}

	public int column() {
		return column;
	}

}
