package org.opencrm.web.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Records are read with {@code Rows.of(Type.class)}, not with
 * {@code JdbcClient.query(Type.class)} or another of Spring's property mappers: for an
 * {@code Instant} those ask pgjdbc {@code getObject(column, Instant.class)}, which throws
 * (a stack trace per column and row, inside the request) before Spring falls back to the
 * timestamp; 33 of them per request on the largest account's page in stop 30.
 * {@code query(Type.class)} stays for one column of a type Spring reads with a getter of
 * its own (and {@code Object}, whose rows are not read).
 */
class RecordMappingTest {

	static final Pattern QUERY_OF_CLASS = Pattern.compile("\\.query\\(\\s*([\\w.]+)\\.class\\s*\\)");

	static final Pattern PROPERTY_MAPPER = Pattern
		.compile("\\b(SimplePropertyRowMapper|DataClassRowMapper|BeanPropertyRowMapper)\\s*(<[^>]*>)?\\s*(\\(|\\.)");

	/** Lines of comments and Javadoc, which may name what they replace. */
	static final Pattern COMMENT_LINE = Pattern.compile("^\\s*(\\*|/\\*|//).*$", Pattern.MULTILINE);

	static final Set<String> ONE_COLUMN = Set.of("Long", "Integer", "Boolean", "Double", "String", "BigDecimal",
			"Object");

	@Test
	void recordsAreReadWithRowsOfNotSpringsPropertyMapper() {
		List<String> propertyMapped = new ArrayList<>();
		int oneColumn = 0;
		for (Path file : TableOwnershipTest.mainSources()) {
			String source = COMMENT_LINE.matcher(read(file)).replaceAll("");
			Matcher query = QUERY_OF_CLASS.matcher(source);
			while (query.find()) {
				if (ONE_COLUMN.contains(query.group(1))) {
					oneColumn++;
				}
				else {
					propertyMapped.add(file.getFileName() + ": " + query.group());
				}
			}
			Matcher mapper = PROPERTY_MAPPER.matcher(source);
			while (mapper.find()) {
				propertyMapped.add(file.getFileName() + ": " + mapper.group());
			}
		}
		assertThat(oneColumn).as("the scan finds the one-column reads").isGreaterThan(100);
		assertThat(propertyMapped).isEmpty();
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
