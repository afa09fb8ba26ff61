package io.github.chatstarter.prompt;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.chatstarter.client.ProviderChatTemplate;
import io.github.chatstarter.client.ProviderSettings;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.test.ScriptedUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class ChatPromptStreamTests {

	private final List<String> bodies = new CopyOnWriteArrayList<>();

	private final ScriptedUpstream upstream = new ScriptedUpstream((body, response) -> {
		this.bodies.add(body);
		return ScriptedUpstream.stream(response, Flux.just(ScriptedUpstream.chunk("杭州", null),
				ScriptedUpstream.chunk("", null), ScriptedUpstream.chunk("多云", "stop"), "data: [DONE]\n\n"));
	});

	private final ProviderChatTemplate template = ProviderChatTemplate.create(ProviderSettings.builder("relay")
		.baseUrl(this.upstream.baseUrl())
		.apiKey("sk-test")
		.defaultModel("gpt-4o")
		.build());

	@AfterEach
	void stop() {
		this.template.close();
		this.upstream.close();
	}

	@Test
	void streamContentShouldGiveTheTextPiecesWithoutEmptyOnes() {
		StepVerifier.create(this.template.prompt().user("杭州？").stream().content())
			.expectNext("杭州", "多云")
			.verifyComplete();
		assertThat(this.bodies).singleElement().asString().contains("\"stream\":true").contains("杭州？");
	}

	@Test
	void streamChunksShouldPassEveryChunkOn() {
		StepVerifier.create(this.template.prompt().user("杭州？").stream().chunks().map(ChatChunk::content))
			.expectNext("杭州", "", "多云")
			.verifyComplete();
	}

	@Test
	void streamResponseShouldAggregateTheChunks() {
		StepVerifier.create(this.template.prompt().user("杭州？").stream().response()).assertNext((response) -> {
			assertThat(response.content()).isEqualTo("杭州多云");
			assertThat(response.finishReason()).isEqualTo("stop");
		}).verifyComplete();
	}

	@Test
	void nothingShouldBeSentUntilSubscribed() {
		this.template.prompt().user("杭州？").stream().content();
		this.template.prompt().user("杭州？").call().entity(Weather.class);
		assertThat(this.bodies).isEmpty();
	}

}
