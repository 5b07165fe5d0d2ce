package dev.takt.scheduler.trigger;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads one cron field expression the way APScheduler 3 does ({@code fields.py} and
 * {@code expressions.py}): a comma list of {@code *}, {@code * /n}, {@code a}, {@code a-b},
 * {@code a-b/n}, {@code a/n}, month and weekday names, and for {@code day} also {@code last},
 * {@code 1st mon} ... {@code 5th sun} and {@code last fri}. Errors are raised in APScheduler's
 * order and with its reasons.
 * <p>
 * Odd inputs APScheduler accepts are accepted the same way: a name or name range is matched at the
 * start of the element only, so anything after it ({@code jan-dec/2}) is ignored; a weekday
 * position only needs to start the element.
 */
final class CronExpressionParser {

	static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
			"nov", "dec");

	static final List<String> WEEKDAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

	static final List<String> POSITIONS = List.of("1st", "2nd", "3rd", "4th", "5th", "last");

	private static final Pattern SEPARATOR = Pattern.compile(" *, *");

	private static final Pattern ALL = Pattern.compile("\\*(?:/(\\d+))?");

	private static final Pattern RANGE = Pattern.compile("(\\d+)(?:-(\\d+))?(?:/(\\d+))?");

	private static final Pattern NAMES = Pattern.compile("([a-z]+)(?:-([a-z]+))?", Pattern.CASE_INSENSITIVE);

	private static final Pattern POSITION = Pattern.compile("(1st|2nd|3rd|4th|5th|last) +(\\d+|\\w+)",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);

	private static final Pattern LAST = Pattern.compile("last", Pattern.CASE_INSENSITIVE);

	private CronExpressionParser() {
	}

	/**
	 * Parses the expression of one field.
	 * @param field the field
	 * @param expression the expression, as given
	 * @return the allowed values
	 * @throws InvalidTriggerException naming the field and the expression when APScheduler rejects it
	 */
	static CronFieldValues parse(CronField field, String expression) {
		String[] elements = SEPARATOR.split(expression.strip(), -1);
		long[] bits = new long[(field.max() >> 6) + 1];
		boolean lastDay = false;
		long positions = 0;
		StringBuilder text = new StringBuilder();
		for (String element : elements) {
			Element parsed = parseElement(field, expression, element, elements.length > 1);
			if (parsed.position >= 0) {
				positions |= 1L << (parsed.position * 7 + parsed.first);
			}
			else if (parsed.lastDay) {
				lastDay = true;
			}
			else {
				for (long value = parsed.first; value <= parsed.last; value += parsed.step) {
					bits[(int) (value >> 6)] |= 1L << value;
				}
			}
			text.append((text.length() > 0) ? "," : "").append(parsed.text);
		}
		return new CronFieldValues(field, text.toString(), bits, lastDay, positions);
	}

	private static Element parseElement(CronField field, String expression, String element, boolean inList) {
		Matcher matcher = ALL.matcher(element);
		if (matcher.matches()) {
			Number step = Number.of(matcher.group(1));
			checkStep(field, expression, step);
			checkStepFits(field, expression, element, inList, step, field.max() - field.min());
			String text = (step == null) ? "*" : "*/" + step;
			return Element.values(text, field.min(), field.max(), (step != null) ? (int) step.value : 1);
		}
		matcher = RANGE.matcher(element);
		if (matcher.matches()) {
			return range(field, expression, element, inList, matcher);
		}
		if (field == CronField.MONTH || field == CronField.DAY_OF_WEEK) {
			matcher = NAMES.matcher(element);
			if (matcher.lookingAt()) {
				return names(field, expression, matcher);
			}
		}
		if (field == CronField.DAY) {
			matcher = POSITION.matcher(element);
			if (matcher.lookingAt()) {
				int position = POSITIONS.indexOf(matcher.group(1).toLowerCase(Locale.ROOT));
				int weekday = WEEKDAYS.indexOf(matcher.group(2).toLowerCase(Locale.ROOT));
				if (weekday < 0) {
					throw invalid(field, expression, "invalid weekday name \"" + matcher.group(2) + "\"");
				}
				return Element.position(POSITIONS.get(position) + " " + WEEKDAYS.get(weekday), position, weekday);
			}
			if (LAST.matcher(element).lookingAt()) {
				return Element.lastDay();
			}
		}
		throw invalid(field, expression,
				"unrecognized expression \"" + element + "\" for field \"" + field.apschedulerName() + "\"");
	}

	private static Element range(CronField field, String expression, String element, boolean inList,
			Matcher matcher) {
		Number first = Number.parse(matcher.group(1));
		Number last = Number.of(matcher.group(2));
		Number step = Number.of(matcher.group(3));
		checkStep(field, expression, step);
		if (last == null && step == null) {
			last = first;
		}
		if (last != null && first.value > last.value) {
			throw invalid(field, expression, "the minimum value in a range must not be higher than the maximum");
		}
		checkStepFits(field, expression, element, inList, step, field.max() - field.min());
		if (first.value < field.min()) {
			throw invalid(field, expression, element, inList,
					"the first value (" + first + ") is lower than the minimum value (" + field.min() + ")");
		}
		if (last != null && last.value > field.max()) {
			throw invalid(field, expression, element, inList,
					"the last value (" + last + ") is higher than the maximum value (" + field.max() + ")");
		}
		// APScheduler takes a last value of 0 as "not given" here (a quirk kept as is)
		long span = ((last != null && last.value != 0) ? last.value : field.max()) - first.value;
		checkStepFits(field, expression, element, inList, step, span);
		StringBuilder text = new StringBuilder().append(first.value);
		if (last != null && (last.value != first.value || step != null)) {
			text.append('-').append(last.value);
		}
		if (step != null) {
			text.append('/').append(step.value);
		}
		return Element.values(text.toString(), (int) first.value, (int) ((last != null) ? last.value : field.max()),
				(step != null) ? (int) step.value : 1);
	}

	private static Element names(CronField field, String expression, Matcher matcher) {
		List<String> names = (field == CronField.MONTH) ? MONTHS : WEEKDAYS;
		String kind = (field == CronField.MONTH) ? "month" : "weekday";
		int offset = (field == CronField.MONTH) ? 1 : 0;
		int first = names.indexOf(matcher.group(1).toLowerCase(Locale.ROOT));
		if (first < 0) {
			throw invalid(field, expression, "invalid " + kind + " name \"" + matcher.group(1) + "\"");
		}
		int last = first;
		if (matcher.group(2) != null) {
			last = names.indexOf(matcher.group(2).toLowerCase(Locale.ROOT));
			if (last < 0) {
				throw invalid(field, expression, "invalid " + kind + " name \"" + matcher.group(2) + "\"");
			}
		}
		if (first > last) {
			throw invalid(field, expression, "the minimum value in a range must not be higher than the maximum");
		}
		String text = (first == last) ? names.get(first) : names.get(first) + "-" + names.get(last);
		return Element.values(text, first + offset, last + offset, 1);
	}

	private static void checkStep(CronField field, String expression, @Nullable Number step) {
		if (step != null && step.value == 0) {
			throw invalid(field, expression, "increment must be higher than 0");
		}
	}

	private static void checkStepFits(CronField field, String expression, String element, boolean inList,
			@Nullable Number step, long span) {
		if (step != null && step.value > span) {
			throw invalid(field, expression, element, inList,
					"the step value (" + step + ") is higher than the total range of the expression (" + span + ")");
		}
	}

	private static InvalidTriggerException invalid(CronField field, String expression, String element,
			boolean inList, String reason) {
		return invalid(field, expression, inList ? "error validating expression '" + element + "': " + reason : reason);
	}

	private static InvalidTriggerException invalid(CronField field, String expression, String reason) {
		return new InvalidTriggerException(field.apschedulerName(), expression, reason);
	}

	/** A number as written: its value (saturated) and its text without leading zeros. */
	private static final class Number {

		private final long value;

		private final String text;

		private Number(long value, String text) {
			this.value = value;
			this.text = text;
		}

		static @Nullable Number of(@Nullable String digits) {
			return (digits != null) ? parse(digits) : null;
		}

		static Number parse(String digits) {
			String text = digits.replaceFirst("^0+(?=.)", "");
			long value = (text.length() > 18) ? Long.MAX_VALUE / 2 : Long.parseLong(text);
			return new Number(value, text);
		}

		@Override
		public String toString() {
			return this.text;
		}

	}

	/** One comma-separated element: a run of values, a weekday position, or {@code last}. */
	private static final class Element {

		final String text;

		final int first;

		final int last;

		final int step;

		final int position;

		final boolean lastDay;

		private Element(String text, int first, int last, int step, int position, boolean lastDay) {
			this.text = text;
			this.first = first;
			this.last = last;
			this.step = step;
			this.position = position;
			this.lastDay = lastDay;
		}

		static Element values(String text, int first, int last, int step) {
			return new Element(text, first, last, step, -1, false);
		}

		static Element position(String text, int position, int weekday) {
			return new Element(text, weekday, weekday, 1, position, false);
		}

		static Element lastDay() {
			return new Element("last", 0, -1, 1, -1, true);
		}

	}

}
