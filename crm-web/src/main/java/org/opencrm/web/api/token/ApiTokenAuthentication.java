package org.opencrm.web.api.token;

import org.opencrm.core.user.CrmUser;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A request signed in by a personal API token: the token's user with their role's
 * authorities, and the token (id and scope) as details.
 */
public final class ApiTokenAuthentication extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final transient TokenUser token;

	ApiTokenAuthentication(TokenUser token) {
		super(token.user().getAuthorities());
		this.token = token;
		setAuthenticated(true);
	}

	@Override
	public CrmUser getPrincipal() {
		return token.user();
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	public long tokenId() {
		return token.tokenId();
	}

	public TokenScope scope() {
		return token.scope();
	}

}
