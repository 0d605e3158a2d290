package org.opencrm.web.marketing.form;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.opencrm.marketing.form.FormField;
import org.opencrm.marketing.form.FormFieldSpec;
import org.opencrm.marketing.form.LeadFormCommand;
import org.opencrm.marketing.form.LeadFormDetails;

/**
 * The form designer as typed: every mappable lead property as a row to ask for, label and
 * require.
 */
class LeadFormForm {

	@NotBlank
	@Size(max = 150)
	private String name;

	@NotBlank
	@Size(max = 80)
	@Pattern(regexp = "^[a-z0-9]+(-[a-z0-9]+)*$")
	private String slug;

	@NotBlank
	@Size(max = 1000)
	private String thankYou;

	@Positive
	private Long campaignId;

	private boolean active = true;

	private List<FieldRow> fields = new ArrayList<>();

	private long version;

	public static class FieldRow {

		private FormField field;

		private boolean included;

		@Size(max = 100)
		private String label;

		private boolean required;

		public FormField getField() {
			return field;
		}

		public void setField(FormField field) {
			this.field = field;
		}

		public boolean isIncluded() {
			return included;
		}

		public void setIncluded(boolean included) {
			this.included = included;
		}

		public String getLabel() {
			return label;
		}

		public void setLabel(String label) {
			this.label = label;
		}

		public boolean isRequired() {
			return required;
		}

		public void setRequired(boolean required) {
			this.required = required;
		}

	}

	static LeadFormForm empty() {
		LeadFormForm f = new LeadFormForm();
		for (FormField field : FormField.values()) {
			FieldRow row = new FieldRow();
			row.field = field;
			row.included = field == FormField.EMAIL || field == FormField.FIRST_NAME || field == FormField.LAST_NAME;
			row.required = field == FormField.EMAIL || field == FormField.LAST_NAME;
			f.fields.add(row);
		}
		return f;
	}

	static LeadFormForm of(LeadFormDetails d) {
		LeadFormForm f = new LeadFormForm();
		f.name = d.name();
		f.slug = d.slug();
		f.thankYou = d.thankYou();
		f.campaignId = d.campaignId();
		f.active = d.active();
		f.version = d.version();
		// The form's fields in their order (saving the editor keeps it), then the others.
		for (FormFieldSpec s : d.fields()) {
			FieldRow row = new FieldRow();
			row.field = s.field();
			row.included = true;
			row.label = s.label();
			row.required = s.required();
			f.fields.add(row);
		}
		for (FormField field : FormField.values()) {
			if (d.fields().stream().noneMatch(s -> s.field() == field)) {
				FieldRow row = new FieldRow();
				row.field = field;
				f.fields.add(row);
			}
		}
		return f;
	}

	LeadFormCommand toCommand() {
		List<FormFieldSpec> specs = fields.stream()
			.filter(r -> r.field != null && (r.included || r.required))
			.map(r -> new FormFieldSpec(r.field, r.label == null ? "" : r.label.trim(), r.required))
			.toList();
		return new LeadFormCommand(name.trim(), slug.trim(), specs, thankYou.trim(), campaignId, active, version);
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getSlug() {
		return slug;
	}

	public void setSlug(String slug) {
		this.slug = slug;
	}

	public String getThankYou() {
		return thankYou;
	}

	public void setThankYou(String thankYou) {
		this.thankYou = thankYou;
	}

	public Long getCampaignId() {
		return campaignId;
	}

	public void setCampaignId(Long campaignId) {
		this.campaignId = campaignId;
	}

	public boolean isActive() {
		return active;
	}

	public void setActive(boolean active) {
		this.active = active;
	}

	public List<FieldRow> getFields() {
		return fields;
	}

	public void setFields(List<FieldRow> fields) {
		this.fields = fields;
	}

	public long getVersion() {
		return version;
	}

	public void setVersion(long version) {
		this.version = version;
	}

}
