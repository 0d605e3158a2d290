package org.opencrm.core.dedupe;

import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** How a merge page shows a value made of several columns. */
final class MergeValues {

	private MergeValues() {
	}

	/** "Hafenstraße 1, 20457 Hamburg, Germany"; null when every part is empty. */
	static String address(String street, String postalCode, String city, String country) {
		String place = Stream.of(postalCode, city).filter(MergeValues::present).collect(Collectors.joining(" "));
		String all = Stream.of(street, place, country).filter(MergeValues::present).collect(Collectors.joining(", "));
		return all.isEmpty() ? null : all;
	}

	static boolean present(String value) {
		return value != null && !value.isBlank();
	}

	static boolean same(String a, String b) {
		return Objects.equals(present(a) ? a.strip() : null, present(b) ? b.strip() : null);
	}

}
