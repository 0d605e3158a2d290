package org.opencrm.web.system;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IPostProcessorDialect;
import org.thymeleaf.engine.AbstractTemplateHandler;
import org.thymeleaf.model.AttributeValueQuotes;
import org.thymeleaf.model.ICloseElementTag;
import org.thymeleaf.model.IOpenElementTag;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.model.IStandaloneElementTag;
import org.thymeleaf.model.IText;
import org.thymeleaf.postprocessor.IPostProcessor;
import org.thymeleaf.postprocessor.PostProcessor;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * Lists on a narrow screen (css/layout.css) show each row of a {@code table.table-stack}
 * as a card and each cell as a line headed by its column's name. This post-processor
 * writes that name into every body cell as {@code data-label} while the page renders: the
 * text of the cell's column in the table's head (the last head row), so it is in the
 * page's language and the cards read right without JavaScript, in parts htmx swaps in
 * too. A cell spanning columns, a column whose head has no text and a cell that has a
 * label already get none. Tables inside cells are labelled on their own.
 */
@Component
public class StackedTableLabels extends AbstractDialect implements IPostProcessorDialect {

	/** The class that makes a table stack on a phone. */
	public static final String STACKED = "table-stack";

	StackedTableLabels() {
		super("stacked-table-labels");
	}

	@Override
	public int getDialectPostProcessorPrecedence() {
		return 1000;
	}

	@Override
	public Set<IPostProcessor> getPostProcessors() {
		return Set.of(new PostProcessor(TemplateMode.HTML, Labeller.class, 1000));
	}

	/**
	 * Follows the rendered page's elements, remembering each table's column names and
	 * labelling its body cells. Thymeleaf makes one per rendering.
	 */
	public static final class Labeller extends AbstractTemplateHandler {

		private enum Section {

			NONE, HEAD, BODY, FOOT

		}

		/** A table being rendered. */
		private static final class Table {

			/**
			 * How many elements are open around its {@code
			 *
			<table>
			 * }, itself included.
			 */
			final int depth;

			final boolean stacked;

			final List<String> names = new ArrayList<>();

			Section section = Section.NONE;

			int column;

			/** The open cell's depth, 0 outside a cell. */
			int cellDepth;

			/** The open head cell's text and column span, while one is open. */
			StringBuilder header;

			int headerSpan;

			Table(int depth, boolean stacked) {
				this.depth = depth;
				this.stacked = stacked;
			}

		}

		/** The names of the open elements. */
		private final Deque<String> open = new ArrayDeque<>();

		private final Deque<Table> tables = new ArrayDeque<>();

		public Labeller() {
		}

		@Override
		public void handleOpenElement(IOpenElementTag tag) {
			String name = tag.getElementCompleteName().toLowerCase(Locale.ROOT);
			open.push(name);
			Table table = tables.peek();
			IOpenElementTag out = tag;
			if ("table".equals(name)) {
				tables.push(new Table(open.size(), hasClass(tag, STACKED)));
			}
			else if (table != null && table.cellDepth == 0) {
				switch (name) {
					case "thead" -> table.section = Section.HEAD;
					case "tbody" -> table.section = Section.BODY;
					case "tfoot" -> table.section = Section.FOOT;
					case "tr" -> {
						table.column = 0;
						if (table.section == Section.HEAD) {
							table.names.clear();
						}
					}
					case "th", "td" -> out = cell(table, tag);
					default -> {
						// Not a part of the table's grid.
					}
				}
			}
			super.handleOpenElement(out);
		}

		private IOpenElementTag cell(Table table, IOpenElementTag tag) {
			table.cellDepth = open.size();
			int span = span(tag);
			IOpenElementTag out = tag;
			if (table.section == Section.HEAD) {
				table.header = new StringBuilder();
				table.headerSpan = span;
			}
			else if (table.section == Section.BODY && table.stacked && span == 1 && table.column < table.names.size()
					&& !table.names.get(table.column).isEmpty() && !tag.hasAttribute("data-label")) {
				out = getContext().getModelFactory()
					.setAttribute(tag, "data-label", table.names.get(table.column), AttributeValueQuotes.DOUBLE);
			}
			table.column += span;
			return out;
		}

		/**
		 * A cell written {@code
		 *
		<td/>}: an empty cell, still a column.
		 */
		@Override
		public void handleStandaloneElement(IStandaloneElementTag tag) {
			String name = tag.getElementCompleteName().toLowerCase(Locale.ROOT);
			Table table = tables.peek();
			if (table != null && table.cellDepth == 0 && ("td".equals(name) || "th".equals(name))) {
				int span = span(tag);
				for (int i = 0; table.section == Section.HEAD && i < span; i++) {
					table.names.add("");
				}
				table.column += span;
			}
			super.handleStandaloneElement(tag);
		}

		@Override
		public void handleText(IText text) {
			Table table = tables.peek();
			if (table != null && table.header != null) {
				table.header.append(text.getText());
			}
			super.handleText(text);
		}

		@Override
		public void handleCloseElement(ICloseElementTag tag) {
			String name = tag.getElementCompleteName().toLowerCase(Locale.ROOT);
			if (open.contains(name)) {
				// Elements left open inside it (an unclosed cell) close with it.
				String popped;
				do {
					popped = open.pop();
					closed(popped);
				}
				while (!name.equals(popped));
			}
			super.handleCloseElement(tag);
		}

		/**
		 * After an element closed: ends the cell or the table it was. Rows after the head
		 * are body rows, as a browser reads them (in a {@code <tbody>} of its own).
		 */
		private void closed(String name) {
			Table table = tables.peek();
			if (table == null) {
				return;
			}
			if (open.size() < table.depth) {
				tables.pop();
			}
			else if (table.cellDepth == 0 && open.size() == table.depth
					&& ("thead".equals(name) || "tbody".equals(name) || "tfoot".equals(name))) {
				table.section = Section.BODY;
			}
			else if (table.cellDepth > 0 && open.size() < table.cellDepth) {
				table.cellDepth = 0;
				if (table.header != null) {
					String text = table.header.toString().replaceAll("\\s+", " ").trim().replace("\"", "&quot;");
					for (int i = 0; i < table.headerSpan; i++) {
						table.names.add(table.headerSpan == 1 ? text : "");
					}
					table.header = null;
				}
			}
		}

		private static boolean hasClass(IProcessableElementTag tag, String name) {
			String classes = tag.getAttributeValue("class");
			return classes != null && List.of(classes.trim().split("\\s+")).contains(name);
		}

		private static int span(IProcessableElementTag tag) {
			String span = tag.getAttributeValue("colspan");
			try {
				return span == null ? 1 : Math.max(1, Math.min(1000, Integer.parseInt(span.trim())));
			}
			catch (NumberFormatException ex) {
				return 1;
			}
		}

	}

}
