package org.opencrm.core.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every module shares ({@code crm.*}). Every link the app puts in a mail
 * (password reset, tracking, unsubscribe, satisfaction survey, portal invitation) starts
 * with {@link #baseUrl()}, never with a request's Host header.
 *
 * @param baseUrl Public address of the app as mail recipients reach it (scheme, host,
 * optional port and path; a trailing slash is dropped), e.g. https://crm.example.com.
 * Start of every link in mails.
 */
@ConfigurationProperties("crm")
public record CrmSettings(@DefaultValue("http://localhost:8080") String baseUrl) {

	public CrmSettings {
		baseUrl = baseUrl == null || baseUrl.isBlank() ? "http://localhost:8080"
				: baseUrl.strip().replaceAll("/+$", "");
	}

	/** An absolute link to {@code path} (which starts with "/"). */
	public String link(String path) {
		return baseUrl + path;
	}
}
