package org.opencrm.core.workflow;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.opencrm.core.shared.RuleViolationException;

/**
 * Where webhooks may go: http(s) URLs whose host resolves only to public addresses — not
 * loopback, private, link-local (cloud metadata), multicast or unspecified ones, unless
 * {@code crm.workflow.webhook-allow-private} (tests, closed networks). Checked when a
 * rule is saved and again before each call (a name may resolve elsewhere later).
 */
final class UrlGuard {

	private UrlGuard() {
	}

	/**
	 * @throws RuleViolationException {@code workflow.webhook.url.invalid} or
	 * {@code workflow.webhook.url.private}
	 */
	static URI check(String url, boolean allowPrivate, String field) {
		URI uri;
		try {
			uri = url == null ? null : new URI(url.trim());
		}
		catch (URISyntaxException ex) {
			uri = null;
		}
		String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (uri == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
				|| uri.getUserInfo() != null || url.length() > 2000) {
			throw RuleViolationException.onField(field, "workflow.webhook.url.invalid",
					"A webhook needs an http or https address.");
		}
		if (!allowPrivate) {
			try {
				for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
					if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
							|| address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal(address)) {
						throw RuleViolationException.onField(field, "workflow.webhook.url.private",
								"A webhook may not call an internal address ({0}).", uri.getHost());
					}
				}
			}
			catch (UnknownHostException ex) {
				throw RuleViolationException.onField(field, "workflow.webhook.url.unknownHost",
						"The webhook's host {0} is not known.", uri.getHost());
			}
		}
		return uri;
	}

	/** IPv6 unique local addresses (fc00::/7), which Java doesn't call site-local. */
	private static boolean uniqueLocal(InetAddress address) {
		byte[] b = address.getAddress();
		return b.length == 16 && (b[0] & 0xfe) == 0xfc;
	}

}
