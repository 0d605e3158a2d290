package org.opencrm.marketing.segment;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the JSON form of a definition: {@code {"op": "AND", "items":
 * [{"field": "stage", "operator": "in", "values": ["LEAD"]}, {"op": "OR", "items":
 * [...]}]}}. Reading checks the shape only; {@link SegmentCompiler} checks fields,
 * operators and values.
 */
public final class SegmentDefinitions {

	static final int MAX_DEPTH = 4;

	static final int MAX_CRITERIA = 50;

	private static final JsonMapper JSON = JsonMapper.shared();

	private SegmentDefinitions() {
	}

	public static SegmentNode.Group empty() {
		return new SegmentNode.Group("AND", List.of());
	}

	/**
	 * Parses JSON text; malformed JSON or a wrong shape is an
	 * {@link InvalidSegmentDefinitionException}.
	 */
	public static SegmentNode.Group parse(String json) {
		JsonNode tree;
		try {
			tree = JSON.readTree(json == null ? "" : json);
		}
		catch (JacksonException ex) {
			throw new InvalidSegmentDefinitionException(
					List.of(new DefinitionProblem("definition", "segment.problem.json", "This is not valid JSON.")));
		}
		return parse(tree);
	}

	public static SegmentNode.Group parse(JsonNode tree) {
		List<DefinitionProblem> problems = new ArrayList<>();
		if (tree == null || tree.isNull() || tree.isMissingNode()) {
			throw new InvalidSegmentDefinitionException(List
				.of(new DefinitionProblem("definition", "segment.problem.missing", "A definition is required.")));
		}
		SegmentNode root = node(tree, "definition", 1, problems);
		if (problems.isEmpty() && !(root instanceof SegmentNode.Group)) {
			problems.add(new DefinitionProblem("definition", "segment.problem.rootGroup",
					"The definition must be a group (op and items)."));
		}
		if (!problems.isEmpty()) {
			throw new InvalidSegmentDefinitionException(problems);
		}
		return (SegmentNode.Group) root;
	}

	private static SegmentNode node(JsonNode json, String path, int depth, List<DefinitionProblem> problems) {
		if (!json.isObject()) {
			problems.add(new DefinitionProblem(path, "segment.problem.shape",
					"Expected a group (op, items) or a criterion (field, operator, values)."));
			return null;
		}
		if (json.has("items") || json.has("op")) {
			if (depth > MAX_DEPTH) {
				problems.add(new DefinitionProblem(path, "segment.problem.depth",
						"Groups may be nested at most {0} levels deep.", MAX_DEPTH));
				return null;
			}
			String op = text(json.get("op"));
			JsonNode items = json.get("items");
			if (items == null || !items.isArray()) {
				problems.add(new DefinitionProblem(path + ".items", "segment.problem.items",
						"A group needs a list of items."));
				return null;
			}
			List<SegmentNode> children = new ArrayList<>();
			int i = 0;
			for (JsonNode item : items.values()) {
				SegmentNode child = node(item, path + ".items[" + i++ + "]", depth + 1, problems);
				if (child != null) {
					children.add(child);
				}
			}
			return new SegmentNode.Group(op == null ? "" : op, children);
		}
		String field = text(json.get("field"));
		String operator = text(json.get("operator"));
		List<String> values = new ArrayList<>();
		JsonNode vs = json.get("values");
		if (vs != null && !vs.isNull()) {
			if (!vs.isArray()) {
				problems.add(new DefinitionProblem(path + ".values", "segment.problem.valuesList",
						"Values must be a list."));
				return null;
			}
			for (JsonNode v : vs.values()) {
				if (v.isContainer()) {
					problems.add(new DefinitionProblem(path + ".values", "segment.problem.valuesList",
							"Values must be a list."));
					return null;
				}
				values.add(v.isNull() ? "" : v.asString());
			}
		}
		return new SegmentNode.Criterion(field == null ? "" : field, operator == null ? "" : operator, values);
	}

	private static String text(JsonNode node) {
		return node == null || node.isNull() || node.isContainer() ? null : node.asString();
	}

	public static String toJson(SegmentNode node) {
		return JSON.writeValueAsString(toTree(node));
	}

	public static JsonNode toTree(SegmentNode node) {
		ObjectNode json = JSON.createObjectNode();
		if (node instanceof SegmentNode.Group g) {
			json.put("op", g.op());
			ArrayNode items = json.putArray("items");
			g.items().forEach(i -> items.add(toTree(i)));
		}
		else if (node instanceof SegmentNode.Criterion c) {
			json.put("field", c.field());
			json.put("operator", c.operator());
			ArrayNode values = json.putArray("values");
			c.values().forEach(values::add);
		}
		return json;
	}

}
