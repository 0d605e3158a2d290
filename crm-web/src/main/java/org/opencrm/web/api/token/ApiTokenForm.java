package org.opencrm.web.api.token;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The new-token form: a name, read or read-write, and an optional last day of use.
 */
class ApiTokenForm implements java.io.Serializable {

	private static final long serialVersionUID = 1L;

	@NotBlank
	@Size(max = 100)
	private String name;

	@NotNull
	private TokenScope scope = TokenScope.READ;

	/**
	 * The last day the token works (to its end, in the server's time zone); none: no end.
	 */
	private LocalDate expiresOn;

	NewToken toRequest(ZoneId zone) {
		return new NewToken(name.strip(), scope,
				expiresOn == null ? null : expiresOn.plusDays(1).atStartOfDay(zone).toInstant());
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public TokenScope getScope() {
		return scope;
	}

	public void setScope(TokenScope scope) {
		this.scope = scope;
	}

	public LocalDate getExpiresOn() {
		return expiresOn;
	}

	public void setExpiresOn(LocalDate expiresOn) {
		this.expiresOn = expiresOn;
	}

}
