package org.opencrm.web.sales.partner;

import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import org.opencrm.sales.partner.PartnerInfo;
import org.opencrm.sales.partner.PartnerType;
import org.springframework.format.annotation.DateTimeFormat;

/** Marks an account as a partner of a type, since a day. */
class PartnerForm implements java.io.Serializable {

	@NotNull
	private PartnerType type;

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate since;

	/** The version seen; -1 while the account is no partner. */
	private long version = -1;

	static PartnerForm of(PartnerInfo p) {
		PartnerForm f = new PartnerForm();
		f.type = p.type();
		f.since = p.since();
		f.version = p.version();
		return f;
	}

	public PartnerType getType() {
		return type;
	}

	public void setType(PartnerType type) {
		this.type = type;
	}

	public LocalDate getSince() {
		return since;
	}

	public void setSince(LocalDate since) {
		this.since = since;
	}

	public long getVersion() {
		return version;
	}

	public void setVersion(long version) {
		this.version = version;
	}

}
