package dev.takt.scheduler;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Checks that job args and kwargs are JSON values (String, Number, Boolean, null, List, Map with
 * String keys) and freezes them into immutable copies. A value that is already frozen is returned
 * as it is, so copying a job ({@code withX}) does not check its args again.
 */
final class JsonValues {

	static final List<@Nullable Object> EMPTY_LIST = new FrozenList(new Object[0]);

	static final Map<String, @Nullable Object> EMPTY_MAP = new FrozenMap(new LinkedHashMap<>());

	private JsonValues() {
	}

	static List<@Nullable Object> list(String field, List<?> values) {
		if (values instanceof FrozenList frozen) {
			return frozen;
		}
		if (values.isEmpty()) {
			return EMPTY_LIST;
		}
		Object[] copy = new Object[values.size()];
		int i = 0;
		for (Object value : values) {
			copy[i] = freeze(field + "[" + i + "]", value);
			i++;
		}
		return new FrozenList(copy);
	}

	static Map<String, @Nullable Object> map(String field, Map<?, ?> values) {
		if (values instanceof FrozenMap frozen) {
			return frozen;
		}
		if (values.isEmpty()) {
			return EMPTY_MAP;
		}
		LinkedHashMap<String, @Nullable Object> copy = new LinkedHashMap<>(values.size() * 2);
		for (Map.Entry<?, ?> entry : values.entrySet()) {
			if (!(entry.getKey() instanceof String key)) {
				throw new InvalidJobException(field, String.valueOf(entry.getKey()), "map keys must be strings");
			}
			copy.put(key, freeze(field + "." + key, entry.getValue()));
		}
		return new FrozenMap(copy);
	}

	private static @Nullable Object freeze(String field, @Nullable Object value) {
		if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
				|| value instanceof Long || value instanceof Short || value instanceof Byte
				|| value instanceof BigInteger || value instanceof BigDecimal) {
			return value;
		}
		if (value instanceof Double || value instanceof Float) {
			double d = ((Number) value).doubleValue();
			if (Double.isNaN(d) || Double.isInfinite(d)) {
				throw new InvalidJobException(field, value.toString(),
						"is not a finite number, which JSON cannot hold");
			}
			return value;
		}
		if (value instanceof List<?> list) {
			return list(field, list);
		}
		if (value instanceof Map<?, ?> map) {
			return map(field, map);
		}
		throw new InvalidJobException(field, value.toString(), "is a " + value.getClass().getName()
				+ ", not a JSON value (String, Number, Boolean, null, List or Map with String keys)");
	}

	/** An immutable list over an array; nulls allowed, as JSON arrays may hold them. */
	private static final class FrozenList extends AbstractList<@Nullable Object> implements RandomAccess {

		private final @Nullable Object[] values;

		FrozenList(@Nullable Object[] values) {
			this.values = values;
		}

		@Override
		public @Nullable Object get(int index) {
			return this.values[index];
		}

		@Override
		public int size() {
			return this.values.length;
		}

	}

	/** An immutable map that keeps its keys' order. */
	private static final class FrozenMap extends AbstractMap<String, @Nullable Object> {

		private final LinkedHashMap<String, @Nullable Object> values;

		FrozenMap(LinkedHashMap<String, @Nullable Object> values) {
			this.values = values;
		}

		@Override
		public Set<Entry<String, @Nullable Object>> entrySet() {
			return Collections.unmodifiableMap(this.values).entrySet();
		}

		@Override
		public @Nullable Object get(Object key) {
			return this.values.get(key);
		}

		@Override
		public boolean containsKey(Object key) {
			return this.values.containsKey(key);
		}

		@Override
		public int size() {
			return this.values.size();
		}

	}

}
