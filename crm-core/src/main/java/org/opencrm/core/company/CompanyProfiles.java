package org.opencrm.core.company;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.opencrm.core.audit.AuditTrail;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and changes the company profile. Every public page shows the branding, so it is
 * held in memory: read at start, after each change on this node, and every minute for
 * changes another node made. A page costs no statement for it.
 */
@Service
public class CompanyProfiles {

	static final long ID = 1;

	private final CompanyProfileRepository profiles;

	private final AuditTrail audit;

	private final AtomicReference<Branding> current = new AtomicReference<>();

	CompanyProfiles(CompanyProfileRepository profiles, AuditTrail audit) {
		this.profiles = profiles;
		this.audit = audit;
	}

	/** The branding as last read; never a statement once read. */
	public Branding branding() {
		Branding b = current.get();
		return b != null ? b : refresh();
	}

	/** The logo's bytes, when there is one. */
	@Transactional(readOnly = true)
	public Optional<Logo> logo() {
		return profiles.findById(ID).map(CompanyProfile::logo);
	}

	@Transactional
	public Branding update(UpdateCompanyProfile change) {
		CompanyProfile profile = profiles.findById(ID).orElseThrow();
		profile.checkVersion(change.version());
		Map<String, String> before = fields(profile);
		profile.rename(change.name());
		if (change.logo() != null) {
			profile.replaceLogo(change.logo());
		}
		else if (change.removeLogo()) {
			profile.removeLogo();
		}
		profiles.saveAndFlush(profile);
		audit.changed("CompanyProfile", ID, before, fields(profile));
		Branding updated = brandingOf(profile);
		current.set(updated);
		return updated;
	}

	/** Read once at start, so no page pays for the first read. */
	@EventListener(ApplicationReadyEvent.class)
	void readAtStart() {
		refresh();
	}

	/** Picks up what another node changed. */
	@Scheduled(initialDelayString = "${crm.company.refresh-interval:PT1M}",
			fixedDelayString = "${crm.company.refresh-interval:PT1M}")
	@Transactional(readOnly = true)
	public Branding refresh() {
		Branding b = profiles.findById(ID).map(CompanyProfiles::brandingOf).orElse(Branding.NONE);
		current.set(b);
		return b;
	}

	private static Branding brandingOf(CompanyProfile p) {
		return new Branding(p.name(), p.logo() == null ? null : p.getVersion(), p.getVersion());
	}

	private static Map<String, String> fields(CompanyProfile p) {
		Map<String, String> f = new LinkedHashMap<>();
		f.put("name", p.name());
		Logo logo = p.logo();
		f.put("logo", logo == null ? null : logo.contentType() + ", " + logo.bytes().length + " bytes");
		return f;
	}

}
