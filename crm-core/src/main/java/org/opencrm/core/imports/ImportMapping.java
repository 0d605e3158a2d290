package org.opencrm.core.imports;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which field each column fills: guessed from the header (a field's key or one of its
 * synonyms, compared without case, accents, spaces, dashes, dots and underscores — so
 * "E-Mail", "email" and "e_mail" are one name), then edited in the wizard. A column maps
 * to at most one field and a field takes at most one column (the first).
 */
final class ImportMapping {

	private ImportMapping() {
	}

	static List<String> guess(List<String> header, List<ImportField> fields) {
		Map<String, String> byName = new HashMap<>();
		for (ImportField f : fields) {
			byName.putIfAbsent(normalise(f.key()), f.key());
			for (String s : f.synonyms()) {
				byName.putIfAbsent(normalise(s), f.key());
			}
		}
		List<String> mapping = new ArrayList<>(header.size());
		Set<String> taken = new HashSet<>();
		for (String h : header) {
			String field = byName.get(normalise(h));
			mapping.add(field != null && taken.add(field) ? field : null);
		}
		return mapping;
	}

	/**
	 * A mapping as the wizard sent it: unknown fields and repeats dropped, padded to the
	 * header's length.
	 */
	static List<String> clean(List<String> chosen, int columns, List<ImportField> fields) {
		Set<String> known = new HashSet<>();
		fields.forEach(f -> known.add(f.key()));
		Set<String> taken = new HashSet<>();
		List<String> mapping = new ArrayList<>(columns);
		for (int i = 0; i < columns; i++) {
			String f = chosen != null && i < chosen.size() ? chosen.get(i) : null;
			mapping.add(f != null && known.contains(f) && taken.add(f) ? f : null);
		}
		return mapping;
	}

	static String normalise(String name) {
		String n = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFD)
			.replaceAll("\\p{M}", "")
			.toLowerCase(Locale.ROOT);
		return n.replaceAll("[\\s_.\\-/]", "").replace("\uFEFF", "");
	}

}
