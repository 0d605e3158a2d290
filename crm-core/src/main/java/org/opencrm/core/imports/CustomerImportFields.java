package org.opencrm.core.imports;

import java.util.Locale;
import java.util.Map;
import org.opencrm.core.shared.Address;
import org.opencrm.core.shared.EmailAddress;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.shared.RuleViolationException;

/**
 * The cells accounts and contacts share, checked and normalised the same way for both
 * imports: e-mail, country, lifecycle stage.
 */
public final class CustomerImportFields {

	private CustomerImportFields() {
	}

	/**
	 * Puts the row's e-mail, country and stage into {@code wanted} in their stored form;
	 * the refusal of the first that isn't one, else null.
	 */
	public static ImportOutcome clean(ImportRow row, Map<String, String> wanted) {
		if (row.has("email")) {
			if (!EmailAddress.isValid(row.get("email"))) {
				return row.refuse("email", "email.invalid", "Not an e-mail address.");
			}
			wanted.put("email", EmailAddress.normalise(row.get("email")));
		}
		if (row.has("country")) {
			try {
				wanted.put("country", new Address(null, null, null, row.get("country")).country());
			}
			catch (RuleViolationException ex) {
				return row.refuse("country", "import.country", "Not a country.");
			}
		}
		if (row.has("lifecycle_stage")) {
			LifecycleStage stage = stage(row.get("lifecycle_stage"));
			if (stage == null) {
				return row.refuse("lifecycle_stage", "import.stage", "Not a lifecycle stage.");
			}
			wanted.put("lifecycle_stage", stage.name());
		}
		return null;
	}

	/** "Customer", "customer", "lead-in" → the stage; null for anything else. */
	static LifecycleStage stage(String text) {
		String t = text.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
		for (LifecycleStage s : LifecycleStage.values()) {
			if (s.name().equals(t)) {
				return s;
			}
		}
		return null;
	}

}
