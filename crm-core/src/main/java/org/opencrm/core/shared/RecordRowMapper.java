package org.opencrm.core.shared;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.beans.BeanUtils;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SimplePropertyRowMapper;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.util.ClassUtils;

/**
 * Maps rows to a record as Spring's {@link SimplePropertyRowMapper} (what
 * {@code JdbcClient.query(Type.class)} uses) does, but without a driver exception per
 * {@link Instant} and row: Spring asks for one with {@code getObject(column,
 * Instant.class)}, which pgjdbc refuses with an exception (null or not, its stack trace
 * filled inside the request) before Spring falls back to the timestamp, which is read
 * here directly. The columns are found once per result set from its metadata, by Spring's
 * rule (the component's snake_case name, else its name, ignoring case, as pgjdbc's
 * {@code findColumn}: the first such column), instead of by name on every row. Every
 * other value is read and converted as Spring does. Get one per statement from
 * {@link Rows#of}.
 */
final class RecordRowMapper<T> implements RowMapper<T> {

	private static final ConversionService CONVERSION = DefaultConversionService.getSharedInstance();

	/**
	 * Types Spring's {@code JdbcUtils.getResultSetValue} reads with their own getter, not
	 * with {@code getObject(column, Class)} (as it does enums, from the name).
	 */
	private static final Set<Class<?>> READ_BY_SPRING = Set.of(String.class, boolean.class, Boolean.class, byte.class,
			Byte.class, short.class, Short.class, int.class, Integer.class, long.class, Long.class, float.class,
			Float.class, double.class, Double.class, BigDecimal.class, java.sql.Date.class, java.sql.Time.class,
			Timestamp.class, java.util.Date.class, byte[].class);

	private static final ClassValue<Shape<?>> SHAPES = new ClassValue<>() {
		@Override
		protected Shape<?> computeValue(Class<?> type) {
			return Shape.of(type);
		}
	};

	private final Shape<T> shape;

	private Columns columns;

	@SuppressWarnings("unchecked")
	RecordRowMapper(Class<T> type) {
		this.shape = (Shape<T>) SHAPES.get(type);
	}

	@Override
	public T mapRow(ResultSet rs, int rowNum) throws SQLException {
		Columns resolved = this.columns;
		if (resolved == null || resolved.of() != rs) {
			resolved = new Columns(rs, this.shape.columnsIn(rs.getMetaData()));
			this.columns = resolved;
		}
		return this.shape.read(rs, resolved.index());
	}

	/** Where each component is in one result set. */
	private record Columns(ResultSet of, int[] index) {
	}

	/** A record's canonical constructor and its components, worked out once per type. */
	private record Shape<T>(Constructor<T> constructor, Component[] components) {

		static <T> Shape<T> of(Class<T> type) {
			if (!type.isRecord()) {
				throw new IllegalArgumentException(type.getName() + " is not a record");
			}
			RecordComponent[] parts = type.getRecordComponents();
			Class<?>[] types = Arrays.stream(parts).map(RecordComponent::getType).toArray(Class<?>[]::new);
			Constructor<T> constructor;
			try {
				constructor = type.getDeclaredConstructor(types);
			}
			catch (NoSuchMethodException ex) {
				throw new IllegalStateException(ex);
			}
			Component[] components = new Component[parts.length];
			for (int i = 0; i < parts.length; i++) {
				components[i] = Component.of(type, parts[i], new MethodParameter(constructor, i));
			}
			return new Shape<>(constructor, components);
		}

		int[] columnsIn(ResultSetMetaData metaData) throws SQLException {
			List<String> labels = new ArrayList<>();
			for (int i = 1; i <= metaData.getColumnCount(); i++) {
				labels.add(JdbcUtils.lookupColumnName(metaData, i));
			}
			int[] index = new int[this.components.length];
			for (int i = 0; i < index.length; i++) {
				index[i] = this.components[i].columnIn(labels);
			}
			return index;
		}

		T read(ResultSet rs, int[] index) throws SQLException {
			Object[] args = new Object[this.components.length];
			for (int i = 0; i < args.length; i++) {
				args[i] = this.components[i].read(rs, index[i]);
			}
			return BeanUtils.instantiateClass(this.constructor, args);
		}

	}

	/**
	 * One constructor parameter: the names its column may have, and how its value is
	 * read.
	 */
	private record Component(String owner, String name, String snakeName, Class<?> type, Class<?> boxed,
			TypeDescriptor descriptor) {

		static Component of(Class<?> record, RecordComponent part, MethodParameter parameter) {
			Class<?> type = part.getType();
			if (type != Instant.class && type != LocalDate.class && !type.isEnum() && !READ_BY_SPRING.contains(type)) {
				throw new IllegalArgumentException("Rows.of(" + record.getSimpleName() + ") can't read component "
						+ part.getName() + " of type " + type.getName() + ": add a reader to RecordRowMapper");
			}
			return new Component(record.getName(), part.getName(),
					JdbcUtils.convertPropertyNameToUnderscoreName(part.getName()), type,
					ClassUtils.resolvePrimitiveIfNecessary(type), new TypeDescriptor(parameter));
		}

		/** As pgjdbc's {@code findColumn}: ignoring case, the first such column. */
		int columnIn(List<String> labels) throws SQLException {
			for (String wanted : List.of(this.snakeName, this.name)) {
				for (int i = 0; i < labels.size(); i++) {
					if (wanted.equalsIgnoreCase(labels.get(i))) {
						return i + 1;
					}
				}
			}
			// The driver's own SQL state for a missing column, as Spring's mapper threw.
			throw new SQLException("No column " + this.snakeName + " (or " + this.name + ") for " + this.owner
					+ " among the result's columns " + labels, "42703");
		}

		Object read(ResultSet rs, int index) throws SQLException {
			if (this.type == Instant.class) {
				// What Spring ends with after pgjdbc refuses an Instant.
				return Rows.instantOrNull(rs, index);
			}
			if (this.type == LocalDate.class) {
				// Spring's fallback for a timestamptz; for a date, the day that
				// getObject(column, LocalDate.class) gives, but for 'infinity'.
				java.sql.Date date = rs.getDate(index);
				return (date != null) ? date.toLocalDate() : null;
			}
			Object value = JdbcUtils.getResultSetValue(rs, index, this.type);
			if (value != null && this.boxed.isInstance(value)) {
				return value;
			}
			// Enums from their names, numbers to the component's type; null into a
			// primitive fails here, as in Spring's mapper.
			return CONVERSION.convert(value, this.descriptor);
		}

	}

}
