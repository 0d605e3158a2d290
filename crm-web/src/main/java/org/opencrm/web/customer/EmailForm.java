package org.opencrm.web.customer;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.opencrm.core.shared.ValidEmail;

/** A one-off e-mail to a customer, written on their dashboard. */
class EmailForm {

	/** One address: no spaces, commas or semicolons (no lists, no header tricks). */
	@NotBlank
	@ValidEmail
	private String to;

	@NotBlank
	@Size(max = 300)
	private String subject;

	@NotBlank
	@Size(max = 20_000)
	private String body;

	static EmailForm to(String address) {
		EmailForm form = new EmailForm();
		form.setTo(address);
		return form;
	}

	public String getTo() {
		return to;
	}

	public void setTo(String to) {
		this.to = to == null ? null : to.trim();
	}

	public String getSubject() {
		return subject;
	}

	public void setSubject(String subject) {
		this.subject = subject;
	}

	public String getBody() {
		return body;
	}

	public void setBody(String body) {
		this.body = body;
	}

}
