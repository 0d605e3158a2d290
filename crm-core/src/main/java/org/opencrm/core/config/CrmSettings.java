package org.opencrm.core.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every module shares ({@code crm.*}). Every link the app puts in a mail
 * (password reset, tracking, unsubscribe, satisfaction survey, portal invitation) starts
 * with {@link #baseUrl()}, never with a request's Host header.
 *
 * @param baseUrl Public address of the app as mail recipients reach it (scheme, host,
 * optional port and path; a trailing slash is dropped), e.g. https://crm.example.com.
 * Start of every link in mails.
 * @param timeZone The install's time zone (an IANA id such as Europe/Berlin; blank: the
 * server's): dates are shown and read in it for visitors and for users who chose none of
 * their own on their settings page, and scheduled work runs by it.
 */
@ConfigurationProperties("crm")
public record CrmSettings(@DefaultValue("http://localhost:8080") String baseUrl, String timeZone) {

	@ConstructorBinding
	public CrmSettings {
		baseUrl = baseUrl == null || baseUrl.isBlank() ? "http://localhost:8080"
				: baseUrl.strip().replaceAll("/+$", "");
		timeZone = timeZone == null || timeZone.isBlank() ? ZoneId.systemDefault().getId() : timeZone.strip();
		try {
			ZoneId.of(timeZone);
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException(
					"crm.time-zone: " + timeZone + " is not a time zone (e.g. Europe/Berlin)", ex);
		}
	}

	public CrmSettings(String baseUrl) {
		this(baseUrl, null);
	}

	/** An absolute link to {@code path} (which starts with "/"). */
	public String link(String path) {
		return baseUrl + path;
	}

	/** The install's time zone. */
	public ZoneId zone() {
		return ZoneId.of(timeZone);
	}
}
