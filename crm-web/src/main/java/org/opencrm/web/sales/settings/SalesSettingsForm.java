package org.opencrm.web.sales.settings;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.opencrm.sales.settings.SalesSettings;

/** The sales settings form as typed. */
class SalesSettingsForm implements java.io.Serializable {

	@NotNull
	@Min(SalesSettings.MIN_DAYS)
	@Max(SalesSettings.MAX_DAYS)
	private Integer followUpDays;

	@NotNull
	@Min(SalesSettings.MIN_DAYS)
	@Max(SalesSettings.MAX_DAYS)
	private Integer untouchedLeadDays;

	private long version;

	static SalesSettingsForm of(SalesSettings s) {
		SalesSettingsForm f = new SalesSettingsForm();
		f.followUpDays = s.followUpDays();
		f.untouchedLeadDays = s.untouchedLeadDays();
		f.version = s.version();
		return f;
	}

	SalesSettings toSettings() {
		return new SalesSettings(followUpDays, untouchedLeadDays, version);
	}

	public Integer getFollowUpDays() {
		return followUpDays;
	}

	public void setFollowUpDays(Integer followUpDays) {
		this.followUpDays = followUpDays;
	}

	public Integer getUntouchedLeadDays() {
		return untouchedLeadDays;
	}

	public void setUntouchedLeadDays(Integer untouchedLeadDays) {
		this.untouchedLeadDays = untouchedLeadDays;
	}

	public long getVersion() {
		return version;
	}

	public void setVersion(long version) {
		this.version = version;
	}

}
