package org.opencrm.core.shared;

import jakarta.persistence.Embeddable;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A postal address, the same for accounts and contacts (their {@code street},
 * {@code postal_code}, {@code city} and {@code country} columns). Validates in its
 * constructor: each part within its column's length, and the country a known ISO 3166
 * country. A country typed as its code ({@code de}), alpha-3 code ({@code DEU}) or name
 * in English, German or French ({@code Deutschland}) is stored as its English name
 * ({@code Germany}), the spelling the rest of the data, segments, scoring and assignment
 * rules compare. Blank parts are null. Forms check the country with {@link ValidCountry},
 * the same rule.
 */
@Embeddable
public class Address {

	public static final int STREET_MAX = 200;

	public static final int POSTAL_CODE_MAX = 20;

	public static final int CITY_MAX = 100;

	private static final Map<String, String> COUNTRIES = countries();

	private String street;

	private String postalCode;

	private String city;

	private String country;

	/** For JPA, which fills the fields as stored. */
	protected Address() {
	}

	/**
	 * @throws RuleViolationException on the field it is about: {@code address.tooLong}
	 * for a part longer than its column, {@code address.country.unknown} for a country
	 * that isn't one
	 */
	public Address(String street, String postalCode, String city, String country) {
		this.street = part("street", street, STREET_MAX);
		this.postalCode = part("postalCode", postalCode, POSTAL_CODE_MAX);
		this.city = part("city", city, CITY_MAX);
		this.country = country == null || country.isBlank() ? null
				: countryCode(country).map(Address::englishName)
					.orElseThrow(() -> RuleViolationException.onField("country", "address.country.unknown",
							"Choose a country (a two-letter code such as DE, or its name)."));
	}

	/**
	 * The ISO 3166 alpha-2 code {@code text} names (a code or a country's name, any
	 * case).
	 */
	public static Optional<String> countryCode(String text) {
		return text == null ? Optional.empty()
				: Optional.ofNullable(COUNTRIES.get(text.strip().toLowerCase(Locale.ROOT)));
	}

	public String street() {
		return street;
	}

	public String postalCode() {
		return postalCode;
	}

	public String city() {
		return city;
	}

	/** The country's English name ({@code Germany}); null when none was given. */
	public String country() {
		return country;
	}

	private static String englishName(String code) {
		return new Locale.Builder().setRegion(code).build().getDisplayCountry(Locale.ENGLISH);
	}

	/** No part given: the record keeps no address (its columns stay null). */
	public boolean isEmpty() {
		return street == null && postalCode == null && city == null && country == null;
	}

	private static String part(String field, String text, int max) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String t = text.strip();
		if (t.length() > max) {
			throw RuleViolationException.onField(field, "address.tooLong", "Too long: at most {0} characters.", max);
		}
		return t;
	}

	private static Map<String, String> countries() {
		Map<String, String> byText = new HashMap<>();
		for (String code : Locale.getISOCountries()) {
			Locale country = new Locale.Builder().setRegion(code).build();
			byText.put(code.toLowerCase(Locale.ROOT), code);
			byText.put(country.getISO3Country().toLowerCase(Locale.ROOT), code);
			for (Locale language : new Locale[] { Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH }) {
				byText.putIfAbsent(country.getDisplayCountry(language).toLowerCase(Locale.ROOT), code);
			}
		}
		// Names people type that are not ISO's own.
		byText.putIfAbsent("uk", "GB");
		byText.putIfAbsent("great britain", "GB");
		byText.putIfAbsent("england", "GB");
		byText.putIfAbsent("usa", "US");
		byText.putIfAbsent("united states of america", "US");
		return Map.copyOf(byText);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Address a && Objects.equals(street, a.street)
				&& Objects.equals(postalCode, a.postalCode) && Objects.equals(city, a.city)
				&& Objects.equals(country, a.country);
	}

	@Override
	public int hashCode() {
		return Objects.hash(street, postalCode, city, country);
	}

}
