package org.opencrm.web.service.portal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A customer's reply on their ticket. */
class PortalReplyForm {

	@NotBlank
	@Size(max = 20000)
	private String body;

	public String getBody() {
		return body;
	}

	public void setBody(String body) {
		this.body = body;
	}

}
