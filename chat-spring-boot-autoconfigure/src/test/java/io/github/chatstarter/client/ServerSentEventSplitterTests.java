package io.github.chatstarter.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;

class ServerSentEventSplitterTests {

	@Test
	void streamsReadInTurnOnOneThreadShouldEachKeepTheirOwnUnfinishedEvent() {
		List<String> first = new ArrayList<>();
		List<String> second = new ArrayList<>();
		ServerSentEventSplitter one = splitter(first);
		ServerSentEventSplitter two = splitter(second);
		feed(one, "data: one-a\n\ndata: one-");
		feed(two, "data: two-a\n\ndata: tw");
		feed(one, "b\n\n");
		feed(two, "o-b\n\ndata: two-c\n\n");
		feed(one, "data: one-c\n\n");
		assertThat(first).containsExactly("one-a", "one-b", "one-c");
		assertThat(second).containsExactly("two-a", "two-b", "two-c");
	}

	@Test
	void eventLargerThanTheFirstReadsShouldBeJoinedAcrossThem() {
		List<String> events = new ArrayList<>();
		ServerSentEventSplitter splitter = splitter(events);
		String large = "x".repeat(3000);
		feed(splitter, "data: small\n\ndata: " + large.substring(0, 1000));
		feed(splitter, large.substring(1000, 2500));
		feed(splitter, large.substring(2500) + "\n\ndata: last\n\n");
		assertThat(events).containsExactly("small", large, "last");
	}

	private static ServerSentEventSplitter splitter(List<String> events) {
		return new ServerSentEventSplitter(
				(type, data, offset, length) -> events.add(new String(data, offset, length, StandardCharsets.UTF_8)),
				1 << 20);
	}

	private static void feed(ServerSentEventSplitter splitter, String text) {
		splitter.feed(DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8)));
	}

}
