package org.opencrm.web.marketing.segment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.opencrm.marketing.segment.SegmentDetails;
import org.opencrm.marketing.segment.SegmentField;
import org.opencrm.marketing.segment.SegmentKind;
import org.opencrm.marketing.segment.SegmentNode;
import org.opencrm.marketing.segment.SegmentNode.Criterion;
import org.opencrm.marketing.segment.SegmentNode.Group;

/**
 * The segment editor as typed: a top-level AND/OR over groups, each an AND/OR over
 * criteria. Deeper trees (made through the API) are edited as JSON ({@code advanced}).
 */
class SegmentForm {

	@NotBlank
	@Size(max = 150)
	private String name;

	@Size(max = 500)
	private String description;

	private SegmentKind kind = SegmentKind.DYNAMIC;

	private String rootOp = "AND";

	private List<GroupForm> groups = new ArrayList<>();

	/**
	 * The definition as JSON: shown for copying, and the editor itself for deep trees.
	 */
	private String json;

	private boolean advanced;

	private long version;

	public static class GroupForm {

		private String op = "AND";

		private List<CriterionForm> criteria = new ArrayList<>();

		public String getOp() {
			return op;
		}

		public void setOp(String op) {
			this.op = op;
		}

		public List<CriterionForm> getCriteria() {
			return criteria;
		}

		public void setCriteria(List<CriterionForm> criteria) {
			this.criteria = criteria;
		}

	}

	public static class CriterionForm {

		private String field = "stage";

		private String operator = "in";

		/**
		 * One value, or several separated by commas (a multiple select posts them that
		 * way).
		 */
		private String value;

		/** The upper bound of a range. */
		private String value2;

		static CriterionForm of(Criterion c) {
			CriterionForm f = new CriterionForm();
			f.field = c.field();
			f.operator = c.operator();
			if (SegmentField.arity(c.operator()) == 2) {
				f.value = c.values().isEmpty() ? "" : c.values().get(0);
				f.value2 = c.values().size() < 2 ? "" : c.values().get(1);
			}
			else {
				f.value = String.join(", ", c.values());
			}
			return f;
		}

		Criterion toCriterion() {
			String op = operator == null ? "" : operator;
			int arity = SegmentField.arity(op);
			List<String> values;
			if (arity == 2) {
				values = List.of(value == null ? "" : value, value2 == null ? "" : value2);
			}
			else if (arity == -1) {
				values = value == null ? List.of()
						: Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
			}
			else if (arity == 1) {
				values = List.of(value == null ? "" : value.trim());
			}
			else {
				values = List.of();
			}
			return new Criterion(field == null ? "" : field, op, values);
		}

		/** How many values the operator takes: -1 a list, 2 a range, 1 or 0. */
		public int getArity() {
			return SegmentField.arity(operator == null ? "" : operator);
		}

		/** The selected values of a multiple select. */
		public List<String> getValues() {
			return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::trim).toList();
		}

		public String getField() {
			return field;
		}

		public void setField(String field) {
			this.field = field;
		}

		public String getOperator() {
			return operator;
		}

		public void setOperator(String operator) {
			this.operator = operator;
		}

		public String getValue() {
			return value;
		}

		public void setValue(String value) {
			this.value = value;
		}

		public String getValue2() {
			return value2;
		}

		public void setValue2(String value2) {
			this.value2 = value2;
		}

	}

	static SegmentForm empty(SegmentKind kind) {
		SegmentForm form = new SegmentForm();
		form.kind = kind;
		if (kind == SegmentKind.DYNAMIC) {
			form.addGroup();
		}
		form.json = "{\"op\": \"AND\", \"items\": []}";
		return form;
	}

	static SegmentForm of(SegmentDetails s) {
		SegmentForm form = new SegmentForm();
		form.name = s.name();
		form.description = s.description();
		form.kind = s.kind();
		form.version = s.version();
		form.load(s.definition());
		return form;
	}

	/**
	 * Shows a definition in the builder, or as JSON only when it is deeper than the
	 * builder's two levels.
	 */
	void load(Group definition) {
		json = org.opencrm.marketing.segment.SegmentDefinitions.toJson(definition);
		rootOp = definition.op();
		groups = new ArrayList<>();
		advanced = false;
		for (SegmentNode item : definition.items()) {
			GroupForm g = new GroupForm();
			if (item instanceof Criterion c) {
				g.criteria.add(CriterionForm.of(c));
			}
			else if (item instanceof Group inner) {
				g.op = inner.op();
				for (SegmentNode leaf : inner.items()) {
					if (leaf instanceof Criterion c) {
						g.criteria.add(CriterionForm.of(c));
					}
					else {
						advanced = true;
					}
				}
			}
			groups.add(g);
		}
	}

	/** The definition the builder (or, in advanced mode, the JSON) describes. */
	Group toDefinition() {
		if (advanced) {
			return org.opencrm.marketing.segment.SegmentDefinitions.parse(json);
		}
		List<SegmentNode> items = new ArrayList<>();
		for (GroupForm g : groups) {
			items.add(new Group(g.op, g.criteria.stream().map(c -> (SegmentNode) c.toCriterion()).toList()));
		}
		return new Group(rootOp, items);
	}

	void addGroup() {
		GroupForm g = new GroupForm();
		g.criteria.add(new CriterionForm());
		groups.add(g);
	}

	void addCriterion(int group) {
		if (group >= 0 && group < groups.size()) {
			groups.get(group).criteria.add(new CriterionForm());
		}
	}

	void removeCriterion(int group, int criterion) {
		if (group >= 0 && group < groups.size() && criterion >= 0 && criterion < groups.get(group).criteria.size()) {
			groups.get(group).criteria.remove(criterion);
			if (groups.get(group).criteria.isEmpty()) {
				groups.remove(group);
			}
		}
	}

	void removeGroup(int group) {
		if (group >= 0 && group < groups.size()) {
			groups.remove(group);
		}
	}

	/** After a field changed, its operator must be one the field allows. */
	void fitOperators(List<SegmentField> fields) {
		for (GroupForm g : groups) {
			for (CriterionForm c : g.criteria) {
				fields.stream().filter(f -> f.key().equals(c.field)).findFirst().ifPresent(f -> {
					if (!f.operators().contains(c.operator)) {
						c.operator = f.operators().get(0);
						c.value = null;
						c.value2 = null;
					}
				});
			}
		}
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getDescription() {
		return description;
	}

	public void setDescription(String description) {
		this.description = description;
	}

	public SegmentKind getKind() {
		return kind;
	}

	public void setKind(SegmentKind kind) {
		this.kind = kind;
	}

	public String getRootOp() {
		return rootOp;
	}

	public void setRootOp(String rootOp) {
		this.rootOp = rootOp;
	}

	public List<GroupForm> getGroups() {
		return groups;
	}

	public void setGroups(List<GroupForm> groups) {
		this.groups = groups;
	}

	public String getJson() {
		return json;
	}

	public void setJson(String json) {
		this.json = json;
	}

	public boolean isAdvanced() {
		return advanced;
	}

	public void setAdvanced(boolean advanced) {
		this.advanced = advanced;
	}

	public long getVersion() {
		return version;
	}

	public void setVersion(long version) {
		this.version = version;
	}

}
