package io.github.chatstarter.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.chatstarter.error.ChatErrorMapping;
import io.github.chatstarter.error.ChatContentFilterException;
import io.github.chatstarter.error.ChatException;
import io.github.chatstarter.error.ChatProtocolException;
import io.github.chatstarter.error.ChatQuotaExceededException;
import io.github.chatstarter.error.ChatServerException;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.error.ChatBadRequestException;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ChatStreamDecoderTests {

	private static final String CHUNK = "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"%s\"},\"finish_reason\":%s}]}";

	static final String WEB_SEARCH_STARTED = "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"function_call\":{\"name\":\"web_search\",\"arguments\":\"\"}},\"finish_reason\":null}]}";

	static final String WEB_SEARCH_FINISHED = "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"function_call\"}]}";

	private final DefaultDataBufferFactory buffers = new DefaultDataBufferFactory();

	@Test
	void streamShouldDecodeSeedTranscript() {
		List<ChatChunk> chunks = decode(Fixtures.bytes(Fixtures.SEED_002_STREAM));
		assertThat(text(chunks)).isEqualTo(Fixtures.SEED_002_ANSWER);
		assertThat(chunks).hasSize(17).allSatisfy((chunk) -> assertThat(chunk.provider()).isEqualTo("test"));
		assertThat(chunks.get(16).finishReason()).isEqualTo("stop");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3, 5, 7, 64, 1000 })
	void streamWhenSplitIntoPiecesOfAnySizeShouldDecodeTheSame(int pieceSize) {
		byte[] body = Fixtures.bytes(Fixtures.SEED_002_STREAM);
		List<byte[]> pieces = new ArrayList<>();
		for (int i = 0; i < body.length; i += pieceSize) {
			pieces.add(java.util.Arrays.copyOfRange(body, i, Math.min(body.length, i + pieceSize)));
		}
		assertThat(text(decode(pieces))).isEqualTo(Fixtures.SEED_002_ANSWER);
	}

	@Test
	void streamWhenSplitAtEveryByteInsideMultiByteCharacterShouldDecode() {
		byte[] body = event(chunk("你好世界", null)).concat(event(chunk("!", "\"stop\""))).getBytes(StandardCharsets.UTF_8);
		for (int split = 1; split < body.length; split++) {
			List<ChatChunk> chunks = decode(List.of(java.util.Arrays.copyOfRange(body, 0, split),
					java.util.Arrays.copyOfRange(body, split, body.length)));
			assertThat(text(chunks)).as("split at %d", split).isEqualTo("你好世界!");
		}
	}

	@Test
	void streamStartingWithByteOrderMarkAndBlankLinesShouldDecodeWhereverTheBytesAreSplit() {
		byte[] events = event(chunk("你好", null)).concat(event(chunk("!", "\"stop\""))).getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[events.length + 6];
		byte[] filler = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '\r', '\n', ' ' };
		System.arraycopy(filler, 0, body, 0, filler.length);
		System.arraycopy(events, 0, body, filler.length, events.length);
		for (int split = 1; split < body.length; split++) {
			List<ChatChunk> chunks = decode(List.of(java.util.Arrays.copyOfRange(body, 0, split),
					java.util.Arrays.copyOfRange(body, split, body.length)));
			assertThat(text(chunks)).as("split at %d", split).isEqualTo("你好!");
		}
	}

	@Test
	void streamWhenDataLineHasNoSpaceShouldStillDecode() {
		String body = "data:" + chunk("a", null) + "\n\ndata:" + chunk("b", "\"stop\"") + "\n\ndata:[DONE]\n\n";
		assertThat(text(decode(body))).isEqualTo("ab");
	}

	@Test
	void streamShouldIgnoreCommentsAndOtherFields() {
		String body = ": keep-alive\n\n: PING\n\nevent: message\nid: 1\nretry: 3000\ndata: " + chunk("a", null)
				+ "\n\n:\n\nid: 2\ndata: " + chunk("b", "\"stop\"") + "\n\ndata: [DONE]\n\n";
		assertThat(text(decode(body))).isEqualTo("ab");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\n", "\r\n", "\r" })
	void streamShouldAcceptEveryLineEnding(String lineEnd) {
		String body = ": hi" + lineEnd + lineEnd + "data: " + chunk("a", null) + lineEnd + lineEnd + "data: "
				+ chunk("b", "\"stop\"") + lineEnd + lineEnd + "data: [DONE]" + lineEnd + lineEnd;
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		List<byte[]> perByte = new ArrayList<>();
		for (byte b : bytes) {
			perByte.add(new byte[] { b });
		}
		assertThat(text(decode(bytes))).isEqualTo("ab");
		assertThat(text(decode(perByte))).isEqualTo("ab");
	}

	@Test
	void streamShouldJoinSeveralDataLinesOfOneEvent() {
		String body = "data: {\"id\":\"c1\",\ndata: \"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},\"finish_reason\":\"stop\"}]}\n\n";
		assertThat(text(decode(body))).isEqualTo("x");
	}

	@Test
	void streamShouldDecodeSingleEventOfSeveralMegabytes() {
		String big = "x".repeat(5 * 1024 * 1024);
		byte[] body = (event(chunk(big, "\"stop\"")) + "data: [DONE]\n\n").getBytes(StandardCharsets.UTF_8);
		List<byte[]> pieces = new ArrayList<>();
		for (int i = 0; i < body.length; i += 8192) {
			pieces.add(java.util.Arrays.copyOfRange(body, i, Math.min(body.length, i + 8192)));
		}
		assertThat(text(decode(pieces))).hasSize(big.length());
	}

	@Test
	void streamEndingAfterFinishReasonWithoutDoneShouldComplete() {
		String body = event(chunk("a", null)) + event(chunk("b", "\"stop\""));
		assertThat(text(decode(body))).isEqualTo("ab");
	}

	@Test
	void streamEndingWithoutTrailingBlankLineShouldStillDeliverLastEvent() {
		String body = event(chunk("a", null)) + "data: " + chunk("b", "\"stop\"");
		assertThat(text(decode(body))).isEqualTo("ab");
	}

	@Test
	void streamEndingWithNeitherFinishReasonNorDoneShouldFail() {
		String body = event(chunk("a", null)) + event(chunk("b", null));
		assertThatExceptionOfType(ChatProtocolException.class).isThrownBy(() -> decode(body))
			.withMessageContaining("ended the stream before the answer was complete");
	}

	@Test
	void emptyStreamShouldFail() {
		assertThatExceptionOfType(ChatProtocolException.class).isThrownBy(() -> decode(""));
	}

	@Test
	void eventsAfterDoneShouldBeIgnored() {
		String body = event(chunk("a", "\"stop\"")) + "data: [DONE]\n\n" + event(chunk("late", null));
		assertThat(text(decode(body))).isEqualTo("a");
	}

	@Test
	void errorObjectInsideStreamShouldBeMappedException() {
		String body = event(chunk("a", null))
				+ "data: {\"error\":{\"message\":\"余额不足\",\"type\":\"one_api_error\",\"code\":\"insufficient_quota\"}}\n\n";
		assertThatExceptionOfType(ChatQuotaExceededException.class).isThrownBy(() -> decode(body))
			.satisfies((ex) -> assertThat(ex.getProvider()).isEqualTo("test"));
	}

	@Test
	void errorEventInsideStreamShouldBeMappedException() {
		String body = event(chunk("a", null)) + "event: error\ndata: {\"message\":\"upstream overloaded\"}\n\n";
		assertThatExceptionOfType(ChatServerException.class).isThrownBy(() -> decode(body))
			.withMessageContaining("upstream overloaded");
	}

	@Test
	void errorEchoingTheKeyInsideStreamShouldMaskIt() {
		String body = "data: {\"error\":{\"message\":\"key test-secret-key-42 is disabled\",\"code\":\"invalid_api_key\"}}\n\n";
		assertThatExceptionOfType(ChatException.class).isThrownBy(() -> decode(body))
			.satisfies(
					(ex) -> assertThat(ex.getMessage()).doesNotContain("test-secret-key-42").contains("is disabled"));
	}

	@Test
	void contentFilterErrorInsideStreamShouldBeContentFilterException() {
		String body = "data: {\"error\":{\"code\":\"data_inspection_failed\",\"message\":\"Input data may contain inappropriate content.\"}}\n\n";
		assertThatExceptionOfType(ChatContentFilterException.class).isThrownBy(() -> decode(body));
	}

	@Test
	void lastChunkWithUsageAndNoChoicesShouldBeDelivered() {
		String body = event(chunk("a", "\"stop\""))
				+ "data: {\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}\n\ndata: [DONE]\n\n";
		List<ChatChunk> chunks = decode(body);
		assertThat(chunks).hasSize(2);
		assertThat(chunks.get(1).usage().totalTokens()).isEqualTo(4);
		assertThat(chunks.get(1).content()).isEmpty();
	}

	@Test
	void plainJsonReplyToStreamedRequestShouldBecomeOneChunk() {
		List<ChatChunk> chunks = decode("\n  " + Fixtures.text(Fixtures.SEED_000_REPLY));
		assertThat(chunks).singleElement().satisfies((chunk) -> {
			assertThat(chunk.content()).isEqualTo("你上面问的问题是:简单说一下你会做什么?");
			assertThat(chunk.finishReason()).isEqualTo("stop");
			assertThat(chunk.usage().totalTokens()).isEqualTo(427);
		});
	}

	@Test
	void webSearchSignalShouldNotEndTheStream() {
		List<ChatChunk> chunks = decode(Fixtures.bytes(Fixtures.SEED_002_WEB_SEARCH_STREAM));
		assertThat(chunks.get(0).isWebSearch()).isTrue();
		assertThat(chunks.get(1).finishReason()).isEqualTo("function_call");
		assertThat(chunks.get(1).isWebSearchFinished()).isTrue();
		assertThat(chunks).filteredOn(ChatChunk::isWebSearchFinished).hasSize(1);
		assertThat(text(chunks)).isEqualTo(Fixtures.SEED_002_ANSWER);
		assertThat(chunks.get(chunks.size() - 1).finishReason()).isEqualTo("stop");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 7, 100000 })
	void streamWithOneNewlineBetweenDataLinesShouldDecodeEachLineAsAnEvent(int pieceSize) {
		byte[] body = Fixtures.bytes(Fixtures.SEED_002_STREAM_SINGLE_NEWLINES);
		List<byte[]> pieces = new ArrayList<>();
		for (int i = 0; i < body.length; i += pieceSize) {
			pieces.add(java.util.Arrays.copyOfRange(body, i, Math.min(body.length, i + pieceSize)));
		}
		List<ChatChunk> chunks = decode(pieces);
		assertThat(text(chunks)).isEqualTo(Fixtures.SEED_002_ANSWER);
		assertThat(chunks).hasSize(17);
	}

	@Test
	void eventWhoseLinesAreNotEachAChunkShouldStillFailAsMalformed() {
		assertThatExceptionOfType(ChatProtocolException.class)
			.isThrownBy(() -> decode("data: " + chunk("a", null) + "\ndata: {\"choices\": [}\n\n"));
	}

	@Test
	void streamEndingRightAfterWebSearchFinishedShouldFailAsCutOff() {
		String body = event(WEB_SEARCH_STARTED) + event(WEB_SEARCH_FINISHED);
		assertThatExceptionOfType(ChatProtocolException.class).isThrownBy(() -> decode(body))
			.withMessageContaining("ended the stream before the answer was complete");
	}

	@Test
	void legacyFunctionCallFinishWithoutWebSearchShouldStillEndTheStream() {
		String call = "{\"choices\":[{\"index\":0,\"delta\":{\"function_call\":{\"name\":\"get_weather\",\"arguments\":\"{}\"}},\"finish_reason\":null}]}";
		List<ChatChunk> chunks = decode(event(call) + event(WEB_SEARCH_FINISHED));
		assertThat(chunks).hasSize(2).noneMatch(ChatChunk::isWebSearchFinished);
	}

	@Test
	void contentFilterFinishReasonShouldEndNormallyAndBeVisible() {
		String body = event(chunk("partial", null)) + event(chunk("", "\"sensitive\""));
		List<ChatChunk> chunks = decode(body);
		assertThat(chunks.get(1).isContentFiltered()).isTrue();
	}

	@Test
	void malformedEventShouldFailWithProtocolException() {
		assertThatExceptionOfType(ChatProtocolException.class).isThrownBy(() -> decode("data: {\"id\": tru\n\n"))
			.withMessageContaining("not valid JSON");
	}

	@Test
	void unknownFieldsShouldBeKept() {
		String body = "data: {\"id\":\"c\",\"vendor\":{\"a\":1},\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\",\"audio\":\"y\"},\"finish_reason\":\"stop\"}]}\n\n";
		ChatChunk chunk = decode(body).get(0);
		assertThat(chunk.extra()).containsEntry("vendor", Map.of("a", 1));
		assertThat(chunk.choices().get(0).delta().extra()).containsEntry("audio", "y");
	}

	private static String chunk(String content, String finishReason) {
		return CHUNK.formatted(content, finishReason);
	}

	static Stream<Arguments> streamsEndingInAnError() {
		String content = event(chunk("你好", null));
		return Stream.of(
				Arguments.of("error object",
						content + event("{\"error\":{\"message\":\"quota\",\"code\":\"insufficient_quota\"}}"),
						ChatQuotaExceededException.class),
				Arguments.of("error event", content + "event: error\ndata: {\"error\":{\"message\":\"boom\"}}\n\n",
						ChatServerException.class),
				Arguments.of("numeric code", content + event("{\"error\":{\"message\":\"bad\",\"code\":400}}"),
						ChatBadRequestException.class),
				Arguments.of("malformed event", content + event("{\"choices\": [}"), ChatProtocolException.class),
				Arguments.of("cut off", content, ChatProtocolException.class));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("streamsEndingInAnError")
	void streamEndingInAnErrorShouldDeliverTheContentBeforeItWhereverTheBytesAreSplit(String name, String stream,
			Class<? extends ChatException> expected) {
		byte[] body = stream.getBytes(StandardCharsets.UTF_8);
		for (int split = 0; split < body.length; split++) {
			List<byte[]> pieces = (split == 0) ? List.of(body) : List.of(java.util.Arrays.copyOfRange(body, 0, split),
					java.util.Arrays.copyOfRange(body, split, body.length));
			List<ChatChunk> chunks = new ArrayList<>();
			assertThatExceptionOfType(expected).as("split at %d", split).isThrownBy(() -> decodeInto(pieces, chunks));
			assertThat(text(chunks)).as("split at %d", split).isEqualTo("你好");
		}
	}

	private static String event(String json) {
		return "data: " + json + "\n\n";
	}

	private static String text(List<ChatChunk> chunks) {
		return chunks.stream().map(ChatChunk::content).collect(Collectors.joining());
	}

	private List<ChatChunk> decode(String body) {
		return decode(body.getBytes(StandardCharsets.UTF_8));
	}

	private List<ChatChunk> decode(byte[] body) {
		return decode(List.of(body));
	}

	private List<ChatChunk> decode(List<byte[]> pieces) {
		List<ChatChunk> chunks = new ArrayList<>();
		decodeInto(pieces, chunks);
		return chunks;
	}

	/**
	 * Decodes into the given list, so that what came before a failure can be inspected.
	 */
	private void decodeInto(List<byte[]> pieces, List<ChatChunk> chunks) {
		ChatStreamDecoder decoder = new ChatStreamDecoder(
				new ChatCodec("test", Map.of(), List.of("test-secret-key-42"), ChatErrorMapping.none()), "test",
				64 * 1024 * 1024, () -> {
				});
		for (byte[] piece : pieces) {
			DataBuffer buffer = this.buffers.wrap(piece);
			decoder.decode(buffer).forEach(chunks::add);
		}
		chunks.addAll(decoder.finish());
	}

}
