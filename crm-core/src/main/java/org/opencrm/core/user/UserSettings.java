package org.opencrm.core.user;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's own settings: the language of their pages and mails, the time zone every date
 * they see is shown in and every date they type is read in, and the hour of their day the
 * daily notification digest goes out. Each choice is checked here, on its field.
 */
@Service
public class UserSettings {

	/** The languages the message bundles are complete in. */
	public static final List<String> LANGUAGES = List.of("en", "de");

	/**
	 * The zones offered and accepted: IANA region ids (Europe/Berlin, Asia/Tokyo) and
	 * UTC, sorted. Not a fixed offset (+09:00 knows no summer time), nor Java's SystemV
	 * ids PostgreSQL doesn't know (the digest query reads the zone there).
	 */
	public static final List<String> ZONES = ZoneId.getAvailableZoneIds()
		.stream()
		.filter(z -> z.equals("UTC") || (z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/")))
		.sorted()
		.toList();

	/**
	 * @param language a tag of {@link #LANGUAGES}, null for the browser's
	 * @param timeZone an IANA id, null for the install's
	 * @param digestHour 0 to 23, in {@code timeZone}
	 */
	public record Choice(String language, String timeZone, int digestHour) {
	}

	private final UserRepository users;

	UserSettings(UserRepository users) {
		this.users = users;
	}

	@Transactional(readOnly = true)
	public Choice of(long userId) {
		User user = users.findById(userId).orElseThrow(() -> new NotFoundException("User", userId));
		return new Choice(user.getLocale(), user.getTimeZone(), user.getDigestHour());
	}

	/**
	 * Saves the user's choices (blank language or zone: none) and returns the signed-in
	 * user with them.
	 * @throws RuleViolationException on the field of a language, zone or hour not offered
	 */
	@Transactional
	public CrmUser save(CrmUser me, Choice choice) {
		String language = language(choice.language());
		String zone = zone(choice.timeZone());
		if (choice.digestHour() < 0 || choice.digestHour() > 23) {
			throw RuleViolationException.onField("digestHour", "user.settings.digestHour.invalid",
					"The hour is 0 to 23.");
		}
		User user = users.findById(me.id()).orElseThrow(() -> new NotFoundException("User", me.id()));
		user.chooseSettings(language, zone, choice.digestHour());
		return me.withSettings(language, zone);
	}

	/** The language tag of {@code language}, null for none. */
	static String language(String language) {
		if (language == null || language.isBlank()) {
			return null;
		}
		String tag = language.strip().toLowerCase(Locale.ROOT);
		if (!LANGUAGES.contains(tag)) {
			throw RuleViolationException.onField("language", "user.settings.language.unknown",
					"Choose English or Deutsch.", language);
		}
		return tag;
	}

	/** The IANA id of {@code timeZone}, null for none. */
	static String zone(String timeZone) {
		if (timeZone == null || timeZone.isBlank()) {
			return null;
		}
		String zone = timeZone.strip();
		if (!ZONES.contains(zone)) {
			throw RuleViolationException.onField("timeZone", "user.settings.timeZone.unknown", "Unknown time zone: {0}",
					timeZone);
		}
		return zone;
	}

}
