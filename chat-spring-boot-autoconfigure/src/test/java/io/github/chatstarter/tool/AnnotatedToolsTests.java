package io.github.chatstarter.tool;

import io.github.chatstarter.ToolCallingChatTemplate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.chatstarter.ChatTemplate;
import io.github.chatstarter.client.ProviderChatTemplate;
import io.github.chatstarter.client.ProviderSettings;
import io.github.chatstarter.test.ChatUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AnnotatedToolsTests {

	private final ChatUpstream upstream = new ChatUpstream();

	private final ProviderChatTemplate provider = ProviderChatTemplate.create(ProviderSettings.builder("relay")
		.baseUrl(this.upstream.baseUrl())
		.apiKey("sk-test")
		.defaultModel("gpt-4o")
		.build());

	private final WeatherService weather = new WeatherService();

	@AfterEach
	void stop() {
		this.provider.close();
		this.upstream.close();
	}

	private ChatTemplate assistant() {
		return ToolCallingChatTemplate.builder(this.provider).tools(this.weather).build();
	}

	@Test
	void toolsShouldBeDescribedFromTheAnnotatedMethods() {
		this.upstream.answer("好的", 1, 1);
		assistant().prompt().user("杭州天气？").call().content().block();

		JsonNode tools = this.upstream.requests().get(0).get("tools");
		assertThat(tools).extracting((tool) -> tool.get("function").get("name").asString())
			.containsExactlyInAnyOrder("get_weather", "forecast", "alerts");
		JsonNode weatherTool = findTool(tools, "get_weather");
		assertThat(weatherTool.get("description").asString()).isEqualTo("Current weather of a city");
		JsonNode parameters = weatherTool.get("parameters");

		assertThat(parameters.get("additionalProperties").asBoolean()).isFalse();
		assertThat(parameters.get("required")).extracting(JsonNode::asString).containsExactly("city");
		assertThat(parameters.get("properties").get("city").get("description").asString()).isEqualTo("City in Chinese");
		assertThat(parameters.get("properties").get("unit").get("enum")).extracting(JsonNode::asString)
			.containsExactly("CELSIUS", "FAHRENHEIT");
		JsonNode forecast = findTool(tools, "forecast").get("parameters");

		assertThat(forecast.get("properties").get("request").get("properties").get("days").get("type").asString())
			.isEqualTo("integer");
	}

	private static JsonNode findTool(JsonNode tools, String name) {
		for (JsonNode tool : tools) {
			if (tool.get("function").get("name").asString().equals(name)) {
				return tool.get("function");
			}
		}
		throw new AssertionError("No tool " + name);
	}

	@Test
	void aBlockingToolShouldRunOnBoundedElasticAndItsResultGoBackAsJson() {
		this.upstream.toolCall("call_1", "get_weather", "{\"city\":\"杭州\",\"unit\":\"CELSIUS\"}").answer("杭州晴", 1, 1);
		String answer = assistant().prompt().user("杭州天气？").call().content().block();

		assertThat(answer).isEqualTo("杭州晴");
		assertThat(this.weather.threads).singleElement().asString().startsWith("boundedElastic");
		JsonNode result = this.upstream.requests().get(1).get("messages").get(2);
		assertThat(result.get("role").asString()).isEqualTo("tool");
		assertThat(result.get("tool_call_id").asString()).isEqualTo("call_1");
		assertThat(result.get("content").asString()).isEqualTo("{\"city\":\"杭州\",\"sky\":\"晴\",\"celsius\":25}");
	}

	@Test
	void promptWithToolsShouldRunTheMethodsTheModelAsksFor() {
		this.upstream.toolCall("call_1", "get_weather", "{\"city\":\"杭州\"}").answer("杭州晴", 1, 1);
		String answer = this.provider.prompt().user("杭州天气？").tools(this.weather).call().content().block();

		assertThat(answer).isEqualTo("杭州晴");
		assertThat(this.upstream.requests().get(0).get("tools")).hasSize(3);
		assertThat(this.upstream.requests().get(1).get("messages").get(2).get("content").asString())
			.isEqualTo("{\"city\":\"杭州\",\"sky\":\"晴\",\"celsius\":25}");
	}

	@Test
	void promptWithToolsShouldGiveATypedAnswerAfterTheTools() {
		this.upstream.toolCall("call_1", "get_weather", "{\"city\":\"杭州\"}")
			.answer("{\"city\":\"杭州\",\"sky\":\"晴\"}", 1, 1);
		Sky sky = this.provider.prompt().user("杭州天气？").tools(this.weather).call().entity(Sky.class).block();

		assertThat(sky).isEqualTo(new Sky("杭州", "晴"));
		assertThat(this.weather.threads).hasSize(1);
		assertThat(this.upstream.requests().get(1).get("response_format").get("type").asString())
			.isEqualTo("json_schema");
	}

	@Test
	void streamedPromptWithToolsShouldStreamTheAnswerAfterTheTools() {
		this.upstream.toolCall("call_1", "get_weather", "{\"city\":\"杭州\"}").answer("杭州晴", 1, 1);
		List<String> text = this.provider.prompt()
			.user("杭州天气？")
			.tools(this.weather)
			.stream()
			.content()
			.collectList()
			.block();

		assertThat(String.join("", text)).isEqualTo("杭州晴");
		assertThat(this.weather.threads).hasSize(1);
	}

	@Test
	void promptWithAnInvalidToolBeanShouldFailAtOnceNamingTheProblem() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.provider.prompt().tools(new Object()))
			.withMessageContaining("@ChatTool");
	}

	record Sky(String city, String sky) {
	}

	@Test
	void aReactiveToolShouldBeSubscribedToAndAFluxCollectedAsAList() {
		this.upstream.toolCall("call_1", "forecast", "{\"request\":{\"city\":\"杭州\",\"days\":2}}")
			.toolCall("call_2", "alerts", "{}")
			.answer("好", 1, 1);
		assistant().prompt().user("预报？").call().content().block();

		assertThat(this.upstream.requests().get(1).get("messages").get(2).get("content").asString())
			.isEqualTo("杭州: 晴, 多云");
		assertThat(this.upstream.requests().get(2).get("messages").get(4).get("content").asString())
			.isEqualTo("[\"大风\",\"降温\"]");
	}

	@Test
	void badArgumentsShouldBeToldBackToTheModelSoItCanCorrectThem() {
		this.upstream.toolCall("call_1", "get_weather", "{\"unit\":\"KELVIN\"}")
			.toolCall("call_2", "get_weather", "{\"city\":\"杭州\",\"unit\":\"KELVIN\"}")
			.toolCall("call_3", "get_weather", "not json")
			.toolCall("call_4", "get_weather", "{\"city\":\"杭州\"}")
			.answer("杭州晴", 1, 1);
		assertThat(assistant().prompt().user("杭州天气？").call().content().block()).isEqualTo("杭州晴");

		List<JsonNode> sent = this.upstream.requests();
		assertThat(lastMessage(sent.get(1))).contains("required parameter 'city' is missing");
		assertThat(lastMessage(sent.get(2))).contains("parameter 'unit'").contains("KELVIN");
		assertThat(lastMessage(sent.get(3))).contains("arguments of tool 'get_weather' are invalid");
		assertThat(lastMessage(sent.get(4))).contains("\"celsius\":25");
		assertThat(this.weather.threads).hasSize(1);
	}

	private static String lastMessage(JsonNode request) {
		JsonNode messages = request.get("messages");
		return messages.get(messages.size() - 1).get("content").asString();
	}

	@Test
	void anExceptionOfTheMethodShouldFollowTheToolErrorHandlerRules() {
		this.upstream.toolCall("call_1", "broken", "{}");
		ChatTemplate failing = ToolCallingChatTemplate.builder(this.provider).tools(new BrokenTool()).build();
		assertThatExceptionOfType(ToolCallingException.class)
			.isThrownBy(() -> failing.prompt().user("go").call().content().block())
			.withMessageContaining("broken")
			.withRootCauseInstanceOf(IllegalStateException.class);

		this.upstream.toolCall("call_1", "broken", "{}").answer("sorry", 1, 1);
		ChatTemplate recovering = ToolCallingChatTemplate.builder(this.provider)
			.tools(new BrokenTool())
			.toolErrorHandler((invocation, error) -> "unavailable")
			.build();
		assertThat(recovering.prompt().user("go").call().content().block()).isEqualTo("sorry");
	}

	@Test
	void annotatedToolsShouldWorkAsLegacyFunctions() {
		this.upstream.functionCall("get_weather", "{\"city\":\"北京\"}").answer("北京晴", 1, 1);
		ChatTemplate legacy = ToolCallingChatTemplate.builder(this.provider)
			.tools(this.weather)
			.legacyFunctions(true)
			.build();
		assertThat(legacy.prompt().user("北京？").call().content().block()).isEqualTo("北京晴");

		JsonNode first = this.upstream.requests().get(0);
		assertThat(first.has("tools")).isFalse();
		assertThat(first.get("functions")).extracting((function) -> function.get("name").asString())
			.contains("get_weather");
		JsonNode result = this.upstream.requests().get(1).get("messages").get(2);
		assertThat(result.get("role").asString()).isEqualTo("function");
		assertThat(result.get("content").asString()).contains("北京");
	}

	@Test
	void invalidDefinitionsShouldFailWhenBuiltNamingTheMethod() {
		ToolCalling.Builder<ToolCallingChatTemplate> builder = ToolCallingChatTemplate.builder(this.provider);
		assertThatIllegalArgumentException().isThrownBy(() -> builder.tools(new BadName()))
			.withMessageContaining("BadName.lookup")
			.withMessageContaining("^[a-zA-Z0-9_-]{1,64}$");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.tools(new Overloaded()))
			.withMessageContaining("overloaded")
			.withMessageContaining("Overloaded.lookup");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.tools(new Undescribable()))
			.withMessageContaining("Undescribable.lookup")
			.withMessageContaining("'node'");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.tools(new Object()))
			.withMessageContaining("no @ChatTool method");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ToolCallingChatTemplate.builder(this.provider).tools(this.weather, new WeatherService()))
			.withMessageContaining("is already taken")
			.withMessageContaining("AnnotatedToolsTests$WeatherService.");
	}

	enum Unit {

		CELSIUS, FAHRENHEIT

	}

	record Weather(String city, String sky, int celsius) {
	}

	record ForecastRequest(String city, int days) {
	}

	static class WeatherService {

		final List<String> threads = new CopyOnWriteArrayList<>();

		@ChatTool(name = "get_weather", description = "Current weather of a city")
		Weather weather(@ChatToolParam(description = "City in Chinese") String city, Optional<Unit> unit)
				throws InterruptedException {
			Thread.sleep(1); // a blocking call: BlockHound fails the test if this runs on
								// a network thread
			this.threads.add(Thread.currentThread().getName());
			return new Weather(city, "晴", 25);
		}

		@ChatTool(description = "Forecast of the next days")
		Mono<String> forecast(ForecastRequest request) {
			return Flux.just("晴", "多云")
				.take(request.days())
				.collectList()
				.map((days) -> request.city() + ": " + String.join(", ", days));
		}

		@ChatTool(description = "Weather alerts")
		Flux<String> alerts() {
			return Flux.just("大风", "降温");
		}

	}

	static class BrokenTool {

		@ChatTool(description = "Always fails")
		String broken() {
			throw new IllegalStateException("service down");
		}

	}

	static class BadName {

		@ChatTool(name = "天气", description = "x")
		String lookup() {
			return "";
		}

	}

	static class Overloaded {

		@ChatTool(description = "x")
		String lookup(String city) {
			return city;
		}

		@ChatTool(name = "lookup2", description = "x")
		String lookup(String city, int days) {
			return city + days;
		}

	}

	record Node(String name, List<Node> children) {
	}

	static class Undescribable {

		@ChatTool(description = "x")
		String lookup(Node node) {
			return node.name();
		}

	}

}
