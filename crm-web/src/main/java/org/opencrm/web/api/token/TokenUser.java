package org.opencrm.web.api.token;

import org.opencrm.core.user.CrmUser;

/** Who a presented token signs in, and with which scope. */
public record TokenUser(long tokenId, CrmUser user, TokenScope scope) {
}
