package org.opencrm.web.profile;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.opencrm.core.user.UserSettings;

/**
 * The settings page's fields; which language and zone are known is {@link UserSettings}'s
 * rule.
 */
class SettingsForm {

	@Size(max = 35)
	private String language;

	@Size(max = 64)
	private String timeZone;

	@NotNull
	@Min(0)
	@Max(23)
	private Integer digestHour;

	static SettingsForm of(UserSettings.Choice choice) {
		SettingsForm form = new SettingsForm();
		form.language = choice.language();
		form.timeZone = choice.timeZone();
		form.digestHour = choice.digestHour();
		return form;
	}

	UserSettings.Choice toChoice() {
		return new UserSettings.Choice(language, timeZone, digestHour);
	}

	public String getLanguage() {
		return language;
	}

	public void setLanguage(String language) {
		this.language = language;
	}

	public String getTimeZone() {
		return timeZone;
	}

	public void setTimeZone(String timeZone) {
		this.timeZone = timeZone;
	}

	public Integer getDigestHour() {
		return digestHour;
	}

	public void setDigestHour(Integer digestHour) {
		this.digestHour = digestHour;
	}

}
