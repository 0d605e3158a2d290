package org.opencrm.marketing.segment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.opencrm.core.shared.BaseEntity;
import org.opencrm.core.shared.RuleViolationException;

/**
 * A segment: a name, a description and, for a dynamic one, its definition (a criteria
 * tree kept as jsonb, compiled to SQL by {@link SegmentCompiler} whenever members are
 * read). Its kind is chosen once. A dynamic segment holds only a definition that
 * compiles; a static list holds none (its members are rows of {@code segment_members},
 * added only while it is a static list, see {@link #requireStatic()}). A unique name
 * spans segments and stays with the service.
 */
@Entity
@Table(name = "segments")
class Segment extends BaseEntity {

	private String name;

	private String description;

	@Enumerated(EnumType.STRING)
	@Column(updatable = false)
	private SegmentKind kind;

	@JdbcTypeCode(SqlTypes.JSON)
	private String definition;

	@Column(updatable = false)
	private Long createdBy;

	protected Segment() {
	}

	/**
	 * @throws RuleViolationException {@code segment.name.required},
	 * {@code segment.kind.required}; {@link InvalidSegmentDefinitionException} for a
	 * dynamic definition that doesn't compile
	 */
	Segment(SegmentCommand cmd, SegmentCompiler compiler, Long createdBy) {
		requireName(cmd.name());
		if (cmd.kind() == null) {
			throw new RuleViolationException("segment.kind.required",
					"Say whether the segment is dynamic or a static list.");
		}
		this.kind = cmd.kind();
		this.createdBy = createdBy;
		change(cmd, compiler);
	}

	/**
	 * Changes name, description and (dynamic) definition; the kind stays, whatever the
	 * command says. Nothing changes when a rule is broken.
	 * @throws RuleViolationException {@code segment.name.required};
	 * {@link InvalidSegmentDefinitionException} for a dynamic definition that doesn't
	 * compile
	 */
	void change(SegmentCommand cmd, SegmentCompiler compiler) {
		requireName(cmd.name());
		SegmentNode.Group tree = SegmentDefinitions.empty();
		if (kind == SegmentKind.DYNAMIC && cmd.definition() != null) {
			tree = cmd.definition();
		}
		if (kind == SegmentKind.DYNAMIC) {
			compiler.compile(tree);
		}
		this.name = cmd.name().trim();
		this.description = cmd.description() == null || cmd.description().isBlank() ? null : cmd.description().trim();
		this.definition = SegmentDefinitions.toJson(tree);
	}

	/**
	 * Members are added and removed by hand only on a static list.
	 * @throws RuleViolationException {@code segment.notStatic}
	 */
	void requireStatic() {
		if (kind != SegmentKind.STATIC) {
			throw new RuleViolationException("segment.notStatic",
					"Members are added by hand only to static lists; a dynamic segment’s members follow its criteria.");
		}
	}

	static String nameOf(SegmentCommand cmd) {
		requireName(cmd.name());
		return cmd.name().trim();
	}

	private static void requireName(String name) {
		if (name == null || name.isBlank()) {
			throw new RuleViolationException("segment.name.required", "A segment needs a name.");
		}
	}

	Map<String, String> snapshot() {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("name", name);
		m.put("description", description);
		// Read back, jsonb spells the tree its own way: compare like with like.
		m.put("definition", SegmentDefinitions.toJson(SegmentDefinitions.parse(definition)));
		return m;
	}

}
