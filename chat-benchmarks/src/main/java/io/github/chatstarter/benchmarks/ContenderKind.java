package io.github.chatstarter.benchmarks;

import java.util.function.Function;

/**
 * The contenders, in the order of the report. {@link #RAW} is the practical limit every ratio refers to.
 */
enum ContenderKind {

	RAW("raw Reactor Netty + byte SSE splitter + Jackson", "raw", RawNettyContender::new),

	CHAT_TEMPLATE("ChatTemplate (this starter)", "chat-spring-boot-autoconfigure", ChatTemplateContender::new),

	WEBCLIENT("WebClient + ServerSentEvent<String> + Jackson", "spring-webflux", WebClientContender::new),

	OPENAI_JAVA("openai-java SDK (OkHttp, async client)", "com.openai:openai-java", OpenAiJavaContender::new),

	SPRING_AI("Spring AI OpenAiChatModel", "org.springframework.ai:spring-ai-openai", SpringAiContender::new),

	LANGCHAIN4J("LangChain4j OpenAiStreamingChatModel", "dev.langchain4j:langchain4j-open-ai",
			LangChain4jContender::new);

	private final String label;

	private final String artifact;

	private final Function<String, Contender> factory;

	ContenderKind(String label, String artifact, Function<String, Contender> factory) {
		this.label = label;
		this.artifact = artifact;
		this.factory = factory;
	}

	String label() {
		return this.label;
	}

	String artifact() {
		return this.artifact;
	}

	Contender create(String baseUrl) {
		return this.factory.apply(baseUrl);
	}

}
