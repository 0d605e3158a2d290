package org.opencrm.marketing.form;

import java.util.Arrays;
import java.util.Optional;

/**
 * The lead properties a web form can ask for: each maps to one field of the captured
 * lead.
 */
public enum FormField {

	FIRST_NAME("firstName", 100), LAST_NAME("lastName", 100), EMAIL("email", 254), PHONE("phone", 50),
	COMPANY("company", 200), TITLE("title", 150), INDUSTRY("industry", 100), COUNTRY("country", 100),
	COMPANY_SIZE("companySize", 10), MESSAGE("message", 4000);

	private final String param;

	private final int maxLength;

	FormField(String param, int maxLength) {
		this.param = param;
		this.maxLength = maxLength;
	}

	/** The request parameter (and JSON property) the public form posts it as. */
	public String param() {
		return param;
	}

	public int maxLength() {
		return maxLength;
	}

	public static Optional<FormField> byParam(String param) {
		return Arrays.stream(values()).filter(f -> f.param.equals(param)).findFirst();
	}

}
