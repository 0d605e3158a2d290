package org.opencrm.web.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Locale;
import java.util.TimeZone;
import org.opencrm.core.config.CrmSettings;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.UserSettings;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleTimeZoneAwareLocaleContext;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleContextResolver;

/**
 * The language and time zone of a request: a signed-in user's own settings
 * ({@code /me/settings}), else the browser's {@code Accept-Language} among the languages
 * the bundles are complete in (English otherwise) and the install's zone
 * ({@code crm.time-zone}). Pages, API problems and formats read them through
 * {@code LocaleContextHolder}; the application clock's zone follows ({@code ReaderZone}).
 * The choice is saved on the settings page, not through this resolver.
 */
@Component("localeResolver")
class UserLocales implements LocaleContextResolver {

	private final CrmSettings settings;

	UserLocales(CrmSettings settings) {
		this.settings = settings;
	}

	@Override
	public LocaleContext resolveLocaleContext(HttpServletRequest request) {
		CrmUser user = signedIn();
		Locale locale = user != null && user.locale() != null ? Locale.forLanguageTag(user.locale())
				: browserLanguage(request);
		ZoneId zone = user != null && user.timeZone() != null ? ZoneId.of(user.timeZone()) : settings.zone();
		return new SimpleTimeZoneAwareLocaleContext(locale, TimeZone.getTimeZone(zone));
	}

	@Override
	public Locale resolveLocale(HttpServletRequest request) {
		return resolveLocaleContext(request).getLocale();
	}

	@Override
	public void setLocaleContext(HttpServletRequest request, HttpServletResponse response, LocaleContext context) {
		throw new UnsupportedOperationException("A user's language is saved on /me/settings");
	}

	@Override
	public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
		throw new UnsupportedOperationException("A user's language is saved on /me/settings");
	}

	/** The first language of Accept-Language the bundles have, else English. */
	static Locale browserLanguage(HttpServletRequest request) {
		if (request.getHeader("Accept-Language") != null) {
			for (Locale asked : Collections.list(request.getLocales())) {
				if (UserSettings.LANGUAGES.contains(asked.getLanguage())) {
					return Locale.forLanguageTag(asked.getLanguage());
				}
			}
		}
		return Locale.ENGLISH;
	}

	private static CrmUser signedIn() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		return auth != null && auth.getPrincipal() instanceof CrmUser user ? user : null;
	}

}
