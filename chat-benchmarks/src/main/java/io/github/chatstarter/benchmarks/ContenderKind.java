package io.github.chatstarter.benchmarks;

import java.util.function.Function;

/**
 * The contenders, in the order of the report. {@link #RAW} is the practical limit every
 * ratio refers to.
 */
enum ContenderKind {

	RAW("raw Reactor Netty + byte SSE splitter + Jackson", "raw", false, RawNettyContender::new),

	CHAT_TEMPLATE("ChatTemplate (this starter)", "chat-spring-boot-autoconfigure", false, ChatTemplateContender::new),

	WEBCLIENT("WebClient + ServerSentEvent<String> + Jackson", "spring-webflux", false, WebClientContender::new),

	OPENAI_JAVA("openai-java SDK (OkHttp, async client)", "com.openai:openai-java", true, OpenAiJavaContender::new),

	SPRING_AI("Spring AI OpenAiChatModel", "org.springframework.ai:spring-ai-openai", true, SpringAiContender::new),

	LANGCHAIN4J("LangChain4j OpenAiStreamingChatModel", "dev.langchain4j:langchain4j-open-ai", true,
			LangChain4jContender::new);

	private final String label;

	private final String artifact;

	private final boolean threadPerStream;

	private final Function<String, Contender> factory;

	ContenderKind(String label, String artifact, boolean threadPerStream, Function<String, Contender> factory) {
		this.label = label;
		this.artifact = artifact;
		this.threadPerStream = threadPerStream;
		this.factory = factory;
	}

	/**
	 * Whether the client holds a thread per open stream (its transport blocks), which
	 * makes 10,000 idle streams a test of the thread limit rather than of the client; the
	 * short run stops such at 1,000.
	 */
	boolean threadPerStream() {
		return this.threadPerStream;
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
