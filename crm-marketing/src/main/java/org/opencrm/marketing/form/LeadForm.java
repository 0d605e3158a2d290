package org.opencrm.marketing.form;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.hibernate.annotations.ColumnTransformer;
import org.opencrm.core.shared.BaseEntity;
import org.opencrm.core.shared.RuleViolationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A web-to-lead form as the marketer designs it: its fields (an e-mail field that is
 * required, each field once), its public address and thank-you text, and whether it is
 * published. A name and an address nobody else uses span forms and stay with the service.
 * Submissions are rows of their own ({@link FormSubmissions}), not part of it.
 */
@Entity
@Table(name = "lead_forms")
class LeadForm extends BaseEntity {

	private static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

	private String name;

	private String slug;

	@Convert(converter = FieldsJson.class)
	@Column(columnDefinition = "jsonb")
	@ColumnTransformer(write = "cast(? as jsonb)")
	private List<FormFieldSpec> fields = new ArrayList<>();

	private String thankYou;

	private Long campaignId;

	private boolean active = true;

	protected LeadForm() {
	}

	LeadForm(LeadFormCommand cmd) {
		redesign(cmd);
	}

	/**
	 * Takes the marketer's design, published or not.
	 * @throws RuleViolationException {@code form.rule.name}, {@code form.rule.slug},
	 * {@code form.rule.thankYou}, {@code form.rule.duplicateField},
	 * {@code form.rule.email}, {@code form.rule.label}
	 */
	void redesign(LeadFormCommand cmd) {
		check(cmd);
		this.name = cmd.name().trim();
		this.slug = cmd.slug().trim();
		this.fields = cmd.fields()
			.stream()
			.map(f -> new FormFieldSpec(f.field(), f.label() == null ? "" : f.label().trim(), f.required()))
			.toList();
		this.thankYou = cmd.thankYou().trim();
		this.campaignId = cmd.campaignId();
		if (cmd.active()) {
			publish();
		}
		else {
			withdraw();
		}
	}

	/** Anyone may submit it at {@code /f/{slug}} from now on. */
	void publish() {
		this.active = true;
	}

	/** Its public address answers "not found"; what was submitted stays. */
	void withdraw() {
		this.active = false;
	}

	/** The design rules that need no other form, checked before anything changes. */
	static void check(LeadFormCommand cmd) {
		if (cmd.name() == null || cmd.name().isBlank() || cmd.name().trim().length() > 150) {
			throw RuleViolationException.onField("name", "form.rule.name",
					"A form needs a name of at most 150 characters.");
		}
		if (cmd.slug() == null || !SLUG.matcher(cmd.slug().trim()).matches() || cmd.slug().trim().length() > 80) {
			throw RuleViolationException.onField("slug", "form.rule.slug",
					"The address may hold lower-case letters, digits and single hyphens (at most 80).");
		}
		if (cmd.thankYou() == null || cmd.thankYou().isBlank() || cmd.thankYou().length() > 1000) {
			throw RuleViolationException.onField("thankYou", "form.rule.thankYou",
					"Write a thank-you text (at most 1000 characters).");
		}
		List<FormFieldSpec> fields = cmd.fields() == null ? List.of() : cmd.fields();
		if (fields.stream().anyMatch(f -> f == null || f.field() == null)
				|| fields.stream().map(FormFieldSpec::field).distinct().count() != fields.size()) {
			throw new RuleViolationException("form.rule.duplicateField", "Each field may appear once.");
		}
		if (fields.stream().noneMatch(f -> f.field() == FormField.EMAIL && f.required())) {
			throw new RuleViolationException("form.rule.email",
					"Every form asks for the e-mail address, as a required field: leads are matched by it.");
		}
		if (fields.stream().anyMatch(f -> f.label() != null && f.label().length() > 100)) {
			throw new RuleViolationException("form.rule.label", "Labels may be at most 100 characters long.");
		}
	}

	Map<String, String> snapshot() {
		Map<String, String> m = new HashMap<>();
		m.put("name", name);
		m.put("slug", slug);
		m.put("active", String.valueOf(active));
		return m;
	}

	/** The fields as the column holds them: a JSON array of field, label, required. */
	@Converter
	static class FieldsJson implements AttributeConverter<List<FormFieldSpec>, String> {

		private static final JsonMapper JSON = JsonMapper.shared();

		@Override
		public String convertToDatabaseColumn(List<FormFieldSpec> fields) {
			List<Map<String, Object>> out = new ArrayList<>();
			for (FormFieldSpec f : fields) {
				Map<String, Object> m = new LinkedHashMap<>();
				m.put("field", f.field().name());
				m.put("label", f.label() == null ? "" : f.label().trim());
				m.put("required", f.required());
				out.add(m);
			}
			return JSON.writeValueAsString(out);
		}

		@Override
		public List<FormFieldSpec> convertToEntityAttribute(String json) {
			return fromJson(json);
		}

		static List<FormFieldSpec> fromJson(String json) {
			List<FormFieldSpec> out = new ArrayList<>();
			for (var node : JSON.readTree(json).values()) {
				out.add(new FormFieldSpec(FormField.valueOf(node.get("field").asString()), node.get("label").asString(),
						node.get("required").booleanValue()));
			}
			return out;
		}

	}

}
