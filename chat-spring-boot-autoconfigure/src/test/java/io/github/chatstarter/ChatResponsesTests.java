package io.github.chatstarter;

import io.github.chatstarter.error.ChatProtocolException;
import io.github.chatstarter.error.ChatServerException;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.Fixtures;
import io.github.chatstarter.model.FinishReasons;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class ChatResponsesTests {

	@Test
	void aggregateShouldEmitTheWholeReplyWhenTheStreamCompletes() {
		Flux<ChatChunk> stream = Flux.fromIterable(Fixtures.chunksOf("seed002-web-search-stream.txt"));
		StepVerifier.create(stream.as(ChatResponses::aggregate)).assertNext((response) -> {
			assertThat(response.content()).isEqualTo("你好你好,有什么可以帮到你的吗?");
			assertThat(response.finishReason()).isEqualTo(FinishReasons.STOP);
		}).verifyComplete();
	}

	@Test
	void aggregateShouldStartAfreshForEverySubscription() {
		var aggregated = ChatResponses.aggregate(Flux.fromIterable(Fixtures.chunksOf("seed002-web-search-stream.txt")));
		String first = aggregated.block().content();
		assertThat(aggregated.block().content()).isEqualTo(first);
	}

	@Test
	void aggregateShouldPassOnTheStreamError() {
		Flux<ChatChunk> broken = Flux.fromIterable(Fixtures.chunksOf("seed002-web-search-stream.txt"))
			.take(5)
			.concatWith(Flux.error(new ChatServerException("upstream broke off")));
		StepVerifier.create(ChatResponses.aggregate(broken)).verifyError(ChatServerException.class);
	}

	@Test
	void aggregateOfAnEmptyStreamShouldBeAProtocolError() {
		StepVerifier.create(ChatResponses.aggregate(Flux.empty()))
			.verifyErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ChatProtocolException.class)
				.hasMessageContaining("without any chunk"));
	}

}
