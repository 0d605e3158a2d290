package org.opencrm.web.marketing.scoring;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.opencrm.marketing.scoring.ScoringRule;
import org.opencrm.marketing.scoring.ScoringRuleCommand;

/** A scoring rule as typed. */
class RuleForm {

	@NotNull
	private ScoringRule.Kind kind = ScoringRule.Kind.PROFILE;

	@NotBlank
	@Size(max = 150)
	private String label;

	private ScoringRule.Field field = ScoringRule.Field.INDUSTRY;

	private ScoringRule.Operator operator = ScoringRule.Operator.EQUALS;

	@Size(max = 200)
	private String value;

	private String engagement = "OPENED";

	@NotNull
	@Min(-1000)
	@Max(1000)
	private Integer points = 10;

	private boolean active = true;

	private long version;

	static RuleForm of(ScoringRule r) {
		RuleForm f = new RuleForm();
		f.kind = r.kind();
		f.label = r.label();
		f.field = r.field();
		f.operator = r.operator();
		f.value = r.value();
		f.engagement = r.engagement();
		f.points = r.points();
		f.active = r.active();
		f.version = r.version();
		return f;
	}

	ScoringRuleCommand toCommand() {
		return new ScoringRuleCommand(kind, label, field, operator, value, engagement, points, active, version);
	}

	public ScoringRule.Kind getKind() {
		return kind;
	}

	public void setKind(ScoringRule.Kind kind) {
		this.kind = kind;
	}

	public String getLabel() {
		return label;
	}

	public void setLabel(String label) {
		this.label = label;
	}

	public ScoringRule.Field getField() {
		return field;
	}

	public void setField(ScoringRule.Field field) {
		this.field = field;
	}

	public ScoringRule.Operator getOperator() {
		return operator;
	}

	public void setOperator(ScoringRule.Operator operator) {
		this.operator = operator;
	}

	public String getValue() {
		return value;
	}

	public void setValue(String value) {
		this.value = value;
	}

	public String getEngagement() {
		return engagement;
	}

	public void setEngagement(String engagement) {
		this.engagement = engagement;
	}

	public Integer getPoints() {
		return points;
	}

	public void setPoints(Integer points) {
		this.points = points;
	}

	public boolean isActive() {
		return active;
	}

	public void setActive(boolean active) {
		this.active = active;
	}

	public long getVersion() {
		return version;
	}

	public void setVersion(long version) {
		this.version = version;
	}

}
