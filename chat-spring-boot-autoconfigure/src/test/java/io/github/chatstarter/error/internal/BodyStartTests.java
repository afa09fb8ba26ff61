package io.github.chatstarter.error.internal;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class BodyStartTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "{\"id\":1}|JSON", "  [1]|JSON", "\uFEFF{\"a\":1}|JSON", "data: {}|EVENT_STREAM",
					"\uFEFF\t: ping|EVENT_STREAM", "event: error|EVENT_STREAM", "<html>502</html>|OTHER",
					"'   '|UNKNOWN", "\uFEFF|UNKNOWN" })
	void bodyShouldBeKnownByWhatFollowsWhiteSpaceAndByteOrderMark(String body, BodyStart expected) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		int start = BodyStart.skipFiller(bytes, 0, bytes.length);
		assertThat(BodyStart.of(bytes, start, bytes.length)).isEqualTo(expected);
	}

}
