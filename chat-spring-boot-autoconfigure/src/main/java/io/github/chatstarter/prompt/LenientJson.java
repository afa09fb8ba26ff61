package io.github.chatstarter.prompt;

/**
 * Finds the JSON value in an answer the way models write it: after a byte order mark,
 * inside a {@code ```json} fence, or with prose before and after the object. Hand-written
 * because no JSON library looks for a value inside prose; it only cuts, Jackson parses
 * what it cut.
 */
final class LenientJson {

	private LenientJson() {
	}

	/**
	 * The text from the first {@code {} or {@code [} to the last matching closer; the
	 * trimmed text when it has neither.
	 */
	static String extract(String answer) {
		String text = answer.strip();
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1).strip();
		}
		int fence = text.indexOf("```");
		if (fence >= 0) {
			int bodyStart = text.indexOf('\n', fence);
			int end = text.indexOf("```", fence + 3);
			if (bodyStart >= 0 && end > bodyStart) {
				text = text.substring(bodyStart + 1, end).strip();
			}
		}
		int object = text.indexOf('{');
		int array = text.indexOf('[');
		int start = (object < 0) ? array : (array < 0) ? object : Math.min(object, array);
		if (start < 0) {
			return text;
		}
		char closer = (text.charAt(start) == '{') ? '}' : ']';
		int end = text.lastIndexOf(closer);
		return (end > start) ? text.substring(start, end + 1) : text.substring(start);
	}

}
