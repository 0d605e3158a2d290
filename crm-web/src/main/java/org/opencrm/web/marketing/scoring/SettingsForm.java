package org.opencrm.web.marketing.scoring;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.opencrm.marketing.scoring.ScoringSettings;

/** The MQL threshold and the engagement half-life as typed. */
class SettingsForm {

	@NotNull
	@Min(1)
	@Max(100_000)
	private Integer mqlThreshold;

	@NotNull
	@Min(1)
	@Max(3650)
	private Integer halfLifeDays;

	private long version;

	static SettingsForm of(ScoringSettings s) {
		SettingsForm f = new SettingsForm();
		f.mqlThreshold = s.mqlThreshold();
		f.halfLifeDays = s.halfLifeDays();
		f.version = s.version();
		return f;
	}

	public Integer getMqlThreshold() {
		return mqlThreshold;
	}

	public void setMqlThreshold(Integer mqlThreshold) {
		this.mqlThreshold = mqlThreshold;
	}

	public Integer getHalfLifeDays() {
		return halfLifeDays;
	}

	public void setHalfLifeDays(Integer halfLifeDays) {
		this.halfLifeDays = halfLifeDays;
	}

	public long getVersion() {
		return version;
	}

	public void setVersion(long version) {
		this.version = version;
	}

}
