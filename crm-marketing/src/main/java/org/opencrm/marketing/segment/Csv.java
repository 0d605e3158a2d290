package org.opencrm.marketing.segment;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into fields: comma or semicolon separated, double quotes around
 * fields with separators.
 */
final class Csv {

	private Csv() {
	}

	static List<String> fields(String line) {
		char sep = line.indexOf(',') < 0 && line.indexOf(';') >= 0 ? ';' : ',';
		List<String> out = new ArrayList<>();
		StringBuilder cur = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char ch = line.charAt(i);
			if (quoted) {
				if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					cur.append('"');
					i++;
				}
				else if (ch == '"') {
					quoted = false;
				}
				else {
					cur.append(ch);
				}
			}
			else if (ch == '"') {
				quoted = true;
			}
			else if (ch == sep) {
				out.add(cur.toString());
				cur.setLength(0);
			}
			else {
				cur.append(ch);
			}
		}
		out.add(cur.toString());
		return out;
	}

}
