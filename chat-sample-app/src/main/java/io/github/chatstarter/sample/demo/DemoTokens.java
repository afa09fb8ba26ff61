package io.github.chatstarter.sample.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts text into the pieces the demo streams and counts as tokens: a word with the
 * whitespace before it, or a single Han character (Chinese has no spaces between words).
 * The pieces joined give the text back.
 */
final class DemoTokens {

	private static final Pattern TOKEN = Pattern.compile("\\s*(?:\\p{IsHan}|[^\\s\\p{IsHan}]+)|\\s+$");

	private DemoTokens() {
	}

	static List<String> split(String text) {
		List<String> tokens = new ArrayList<>();
		Matcher matcher = TOKEN.matcher(text);
		while (matcher.find()) {
			tokens.add(matcher.group());
		}
		return tokens;
	}

	static int count(String text) {
		return split(text).size();
	}

}
