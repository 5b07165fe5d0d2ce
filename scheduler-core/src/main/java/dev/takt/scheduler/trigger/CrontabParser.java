package dev.takt.scheduler.trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Turns crontab strings into cron fields: APScheduler's {@code from_crontab} (5 fields), the
 * 6-field strings with leading seconds that Spring and Quartz users write, the {@code @daily}
 * style macros, and the standard weekday numbering (0 and 7 = Sunday), which is translated into
 * APScheduler's weekday names so that the trigger keeps one numbering inside.
 */
final class CrontabParser {

	private static final Map<String, String> MACROS = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
			"@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
			"@hourly", "0 * * * *");

	private static final String MACRO_NAMES = "@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly";

	private static final Pattern SEPARATOR = Pattern.compile(" *, *");

	private static final Pattern ALL = Pattern.compile("\\*(?:/(\\d+))?");

	private static final Pattern RANGE = Pattern.compile("(\\d+)(?:-(\\d+))?(?:/(\\d+))?");

	private static final Pattern NAMES = Pattern.compile("([a-z]+)(?:-([a-z]+))?", Pattern.CASE_INSENSITIVE);

	/** Standard numbering: Sunday is 0 (and 7), Monday 1 ... Saturday 6. */
	private static final int STANDARD_MAX = 7;

	private CrontabParser() {
	}

	/**
	 * Reads a 5-field crontab string ({@code minute hour day month day_of_week}).
	 * @param expression the string
	 * @param numbering how the weekday field is numbered
	 * @param questionMarks whether {@code ?} stands for {@code *} in the day and weekday fields
	 * @return a builder with the five fields set
	 */
	static CronTrigger.Builder crontab(String expression, WeekdayNumbering numbering, boolean questionMarks) {
		List<String> parts = split(expression);
		if (parts.size() != 5) {
			throw new InvalidTriggerException("crontab", expression,
					"wrong number of fields; got " + parts.size() + ", expected 5");
		}
		return fields(parts, numbering, questionMarks);
	}

	/**
	 * Reads a 5-field crontab string, a 6-field string with leading seconds or a macro, weekdays
	 * numbered the standard way, {@code ?} read as {@code *} in the day and weekday fields.
	 * @param expression the string
	 * @return a builder with the fields set
	 */
	static CronTrigger.Builder parse(String expression) {
		String stripped = expression.strip();
		if (stripped.startsWith("@")) {
			String macro = MACROS.get(stripped.toLowerCase(Locale.ROOT));
			if (macro == null) {
				throw new InvalidTriggerException("cron expression", expression,
						"unknown macro; expected one of " + MACRO_NAMES);
			}
			return crontab(macro, WeekdayNumbering.STANDARD, false);
		}
		List<String> parts = split(expression);
		if (parts.size() == 5) {
			return fields(parts, WeekdayNumbering.STANDARD, true);
		}
		if (parts.size() == 6) {
			return fields(parts.subList(1, 6), WeekdayNumbering.STANDARD, true).second(parts.get(0));
		}
		throw new InvalidTriggerException("cron expression", expression, "wrong number of fields; got "
				+ parts.size() + ", expected 5 (minute hour day month day-of-week), 6 (with leading seconds) or a macro ("
				+ MACRO_NAMES + ")");
	}

	private static CronTrigger.Builder fields(List<String> parts, WeekdayNumbering numbering, boolean questionMarks) {
		String day = parts.get(2);
		String dayOfWeek = parts.get(4);
		if (questionMarks) {
			day = day.equals("?") ? "*" : day;
			dayOfWeek = dayOfWeek.equals("?") ? "*" : dayOfWeek;
		}
		CronTrigger.Builder builder = CronTrigger.builder()
			.minute(parts.get(0))
			.hour(parts.get(1))
			.day(day)
			.month(parts.get(3));
		return (numbering == WeekdayNumbering.STANDARD) ? builder.standardDayOfWeek(dayOfWeek)
				: builder.dayOfWeek(dayOfWeek);
	}

	/** Splits on runs of blanks as Python's {@code str.split()}: leading and trailing ones ignored. */
	static List<String> split(String expression) {
		List<String> parts = new ArrayList<>();
		int start = -1;
		for (int i = 0; i <= expression.length(); i++) {
			boolean blank = i == expression.length() || isBlank(expression.charAt(i));
			if (blank && start >= 0) {
				parts.add(expression.substring(start, i));
				start = -1;
			}
			else if (!blank && start < 0) {
				start = i;
			}
		}
		return parts;
	}

	private static boolean isBlank(char c) {
		return Character.isWhitespace(c) || Character.isSpaceChar(c);
	}

	/**
	 * Translates a weekday field in standard numbering (0 and 7 = Sunday, 1 = Monday; names
	 * {@code sun}-{@code sat}, Sunday being 0 at the start of a range and 7 at its end) into an
	 * APScheduler expression of weekday names with the same days, e.g. {@code 1-5} into
	 * {@code mon-fri}, {@code 0,6} into {@code sat-sun}.
	 * @param expression the weekday field
	 * @return the APScheduler expression
	 * @throws InvalidTriggerException naming {@code day_of_week} and the expression
	 */
	static String standardWeekdays(String expression) {
		String[] elements = SEPARATOR.split(expression.strip(), -1);
		if (elements.length == 1 && elements[0].equals("*")) {
			return "*";
		}
		int standardDays = 0;
		for (String element : elements) {
			standardDays |= standardElement(expression, element, elements.length > 1);
		}
		// Sunday is 0 and 7 in standard numbering, 6 in APScheduler's; Monday 1 and 0
		boolean[] days = new boolean[7];
		for (int day = 0; day <= STANDARD_MAX; day++) {
			if ((standardDays & (1 << day)) != 0) {
				days[(day + 6) % 7] = true;
			}
		}
		StringBuilder text = new StringBuilder();
		for (int day = 0; day < 7; day++) {
			if (days[day]) {
				int last = day;
				while (last < 6 && days[last + 1]) {
					last++;
				}
				text.append((text.length() > 0) ? "," : "").append(CronExpressionParser.WEEKDAYS.get(day));
				if (last > day) {
					text.append('-').append(CronExpressionParser.WEEKDAYS.get(last));
				}
				day = last;
			}
		}
		return text.toString();
	}

	/** The standard weekday numbers (bits 0-7) of one element of a weekday list. */
	private static int standardElement(String expression, String element, boolean inList) {
		Matcher matcher = ALL.matcher(element);
		if (matcher.matches()) {
			int step = step(expression, element, inList, matcher.group(1), STANDARD_MAX);
			return values(0, STANDARD_MAX, step);
		}
		matcher = RANGE.matcher(element);
		if (matcher.matches()) {
			long first = number(matcher.group(1));
			long last = (matcher.group(2) != null) ? number(matcher.group(2)) : -1;
			if (matcher.group(3) != null && number(matcher.group(3)) == 0) {
				throw invalid(expression, "increment must be higher than 0");
			}
			if (last < 0 && matcher.group(3) == null) {
				last = first;
			}
			if (last >= 0 && first > last) {
				throw invalid(expression, "the minimum value in a range must not be higher than the maximum");
			}
			if (last > STANDARD_MAX) {
				String lastDigits = (matcher.group(2) != null) ? matcher.group(2) : matcher.group(1);
				throw invalid(expression, element, inList, "the last value (" + digits(lastDigits)
						+ ") is higher than the maximum value (" + STANDARD_MAX + ")");
			}
			if (first > STANDARD_MAX) {
				throw invalid(expression, element, inList, "the first value (" + digits(matcher.group(1))
						+ ") is higher than the maximum value (" + STANDARD_MAX + ")");
			}
			int end = (last >= 0) ? (int) last : STANDARD_MAX;
			int step = step(expression, element, inList, matcher.group(3), end - (int) first);
			return values((int) first, end, step);
		}
		matcher = NAMES.matcher(element);
		if (matcher.lookingAt()) {
			int first = standardDay(expression, matcher.group(1), false);
			int last = (matcher.group(2) != null) ? standardDay(expression, matcher.group(2), true) : first;
			if (first > last) {
				throw invalid(expression, "the minimum value in a range must not be higher than the maximum");
			}
			return values(first, last, 1);
		}
		throw invalid(expression, "unrecognized expression \"" + element + "\" for field \"day_of_week\"");
	}

	private static int standardDay(String expression, String name, boolean endOfRange) {
		int day = CronExpressionParser.WEEKDAYS.indexOf(name.toLowerCase(Locale.ROOT));
		if (day < 0) {
			throw invalid(expression, "invalid weekday name \"" + name + "\"");
		}
		return (day == 6) ? (endOfRange ? 7 : 0) : day + 1;
	}

	private static int step(String expression, String element, boolean inList, @Nullable String digits, int span) {
		if (digits == null) {
			return 1;
		}
		long step = number(digits);
		if (step == 0) {
			throw invalid(expression, "increment must be higher than 0");
		}
		if (step > span) {
			throw invalid(expression, element, inList, "the step value (" + digits(digits)
					+ ") is higher than the total range of the expression (" + span + ")");
		}
		return (int) step;
	}

	private static int values(int first, int last, int step) {
		int bits = 0;
		for (int day = first; day <= last; day += step) {
			bits |= 1 << day;
		}
		return bits;
	}

	private static long number(String digits) {
		String text = digits(digits);
		return (text.length() > 9) ? Integer.MAX_VALUE : Long.parseLong(text);
	}

	private static String digits(@Nullable String digits) {
		return (digits != null) ? digits.replaceFirst("^0+(?=.)", "") : "";
	}

	private static InvalidTriggerException invalid(String expression, String element, boolean inList,
			String reason) {
		return invalid(expression, inList ? "error validating expression '" + element + "': " + reason : reason);
	}

	private static InvalidTriggerException invalid(String expression, String reason) {
		return new InvalidTriggerException(CronField.DAY_OF_WEEK.apschedulerName(), expression,
				reason + " (weekdays numbered 0-7, 0 and 7 = Sunday)");
	}

}
