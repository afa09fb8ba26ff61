package io.github.chatstarter.prompt;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.chatstarter.ChatTemplate;
import io.github.chatstarter.autoconfigure.ChatAutoConfiguration;
import io.github.chatstarter.error.ChatBadRequestException;
import io.github.chatstarter.model.Usage;
import io.github.chatstarter.test.ChatUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.ParameterizedTypeReference;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@ExtendWith(OutputCaptureExtension.class)
class ChatPromptStructuredOutputTests {

	private static final String HANGZHOU = """
			{"city":"杭州","temperature_c":18,"sky":"CLOUDY","warnings":[],"note":null}""";

	private final ChatUpstream upstream = new ChatUpstream();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, ChatAutoConfiguration.class))
		.withPropertyValues("chat.providers.relay.base-url=" + this.upstream.baseUrl(),
				"chat.providers.relay.api-key=sk-test", "chat.providers.relay.default-model=gpt-4o");

	@AfterEach
	void stop() {
		this.upstream.close();
	}

	private Weather askWeather(ChatPrompt prompt) {
		return prompt.system("你是天气助手").user("杭州今天天气怎么样？").call().entity(Weather.class).block();
	}

	@Test
	void entityShouldSendAStrictJsonSchemaAndReadTheAnswer() {
		this.upstream.answer(HANGZHOU, 10, 5);
		this.runner.run((context) -> {
			Weather weather = askWeather(context.getBean(ChatPrompt.class));

			assertThat(weather).isEqualTo(new Weather("杭州", 18, Weather.Sky.CLOUDY, List.of(), Optional.empty()));
			JsonNode format = this.upstream.requests().get(0).get("response_format");
			assertThat(format.get("type").asString()).isEqualTo("json_schema");
			assertThat(format.get("json_schema").get("name").asString()).isEqualTo("Weather");
			assertThat(format.get("json_schema").get("strict").asBoolean()).isTrue();
			JsonNode schema = format.get("json_schema").get("schema");
			assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
			assertThat(schema.get("required")).extracting(JsonNode::asString)
				.containsExactlyInAnyOrder("city", "temperature_c", "sky", "warnings", "note");
			assertThat(schema.get("properties").get("city").get("description").asString())
				.isEqualTo("City name in Chinese");
			assertThat(schema.get("properties").get("sky").get("enum")).extracting(JsonNode::asString)
				.containsExactly("SUNNY", "CLOUDY", "RAINY");
			assertThat(schema.get("properties").get("note").get("type")).extracting(JsonNode::asString)
				.contains("string", "null");
		});
	}

	@Test
	void entityShouldReadJsonWrappedInProseAFenceAndAByteOrderMark() {
		this.upstream.answer("\uFEFF好的，以下是结果：\n```json\n" + HANGZHOU + "\n```\n希望有帮助！", 10, 5);
		this.runner.run((context) -> assertThat(askWeather(context.getBean(ChatPrompt.class)).city()).isEqualTo("杭州"));
	}

	@Test
	void entityOfAGenericTypeShouldReadAList() {
		this.upstream.answer("[" + HANGZHOU + "," + HANGZHOU.replace("杭州", "北京") + "]", 10, 5);
		this.runner.run((context) -> {
			List<Weather> answer = context.getBean(ChatPrompt.class)
				.user("杭州和北京？")
				.call()
				.entity(new ParameterizedTypeReference<List<Weather>>() {
				})
				.block();
			assertThat(answer).extracting(Weather::city).containsExactly("杭州", "北京");
		});
	}

	@Test
	void entityShouldDescribeAndReadMapsAndNestedTypes() {
		this.upstream.answer("{\"hourly\":{\"8\":15,\"14\":21},\"today\":" + HANGZHOU + "}", 10, 5);
		this.runner.run((context) -> {
			Forecast forecast = context.getBean(ChatPrompt.class).user("预报").call().entity(Forecast.class).block();

			assertThat(forecast.hourly()).containsEntry("14", 21);
			assertThat(forecast.today().sky()).isEqualTo(Weather.Sky.CLOUDY);
			JsonNode schema = this.upstream.requests().get(0).get("response_format").get("json_schema").get("schema");
			assertThat(schema.get("properties").get("hourly").get("additionalProperties").get("type").asString())
				.isEqualTo("integer");
			assertThat(schema.get("properties").get("today").get("additionalProperties").asBoolean()).isFalse();
		});
	}

	record Forecast(Map<String, Integer> hourly, Weather today) {
	}

	@Test
	void anInvalidAnswerShouldGetOneRepairRoundWithItsErrorsAndUsageAddedUp() {
		this.upstream.answer("{\"city\":\"杭州\",\"temperature_c\":\"warm\"}", 10, 5).answer(HANGZHOU, 30, 7);
		this.runner.run((context) -> {
			ChatEntity<Weather> answer = context.getBean(ChatPrompt.class)
				.user("杭州？")
				.call()
				.responseEntity(Weather.class)
				.block();

			assertThat(answer.entity().temperature()).isEqualTo(18);
			assertThat(answer.response().usage()).isEqualTo(Usage.of(40, 12));
			JsonNode repair = this.upstream.requests().get(1).get("messages");
			assertThat(repair).hasSize(3);
			assertThat(repair.get(1).get("role").asString()).isEqualTo("assistant");
			assertThat(repair.get(2).get("content").asString()).contains("does not follow the JSON schema")
				.contains("temperature_c");
		});
	}

	@Test
	void anAnswerStillInvalidAfterTheRepairsShouldFailWithTheRawTextAndErrors() {
		this.upstream.answer("今天杭州多云", 10, 5).answer("{\"city\":1}", 10, 5);
		this.runner.run((context) -> {
			ChatPrompt prompt = context.getBean(ChatPrompt.class);
			assertThatExceptionOfType(ChatStructuredOutputException.class).isThrownBy(() -> askWeather(prompt))
				.satisfies((ex) -> {
					assertThat(ex.getRawText()).isEqualTo("{\"city\":1}");
					assertThat(ex.getErrors()).isNotEmpty();
					assertThat(ex.getProvider()).isEqualTo("relay");
				});
			assertThat(this.upstream.requests()).hasSize(2);
		});
	}

	@Test
	void maxRepairsZeroShouldFailOnTheFirstInvalidAnswer() {
		this.upstream.answer("今天杭州多云", 10, 5);
		this.runner.withPropertyValues("chat.structured-output.max-repairs=0").run((context) -> {
			ChatPrompt prompt = context.getBean(ChatPrompt.class);
			assertThatExceptionOfType(ChatStructuredOutputException.class).isThrownBy(() -> askWeather(prompt));
			assertThat(this.upstream.requests()).hasSize(1);
		});
	}

	@Test
	void negativeMaxRepairsShouldFailAtStartupNamingTheProperty() {
		this.runner.withPropertyValues("chat.structured-output.max-repairs=-1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("chat.structured-output.max-repairs"));
	}

	@Test
	void aRefusalShouldBeItsOwnErrorWithoutRepair() {
		this.upstream.reply(200,
				"""
						{"id":"r","choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":"I can't help with that."},
						 "finish_reason":"stop"}]}""");
		this.runner.run((context) -> {
			ChatPrompt prompt = context.getBean(ChatPrompt.class);
			assertThatExceptionOfType(ChatRefusalException.class).isThrownBy(() -> askWeather(prompt))
				.satisfies((ex) -> assertThat(ex.getRefusal()).isEqualTo("I can't help with that."));
			assertThat(this.upstream.requests()).hasSize(1);
		});
	}

	@Test
	void autoShouldFallBackWhenTheProviderRejectsResponseFormatAndRememberIt(CapturedOutput output) {
		String rejection = "{\"error\":{\"message\":\"Invalid parameter: response_format of type json_schema is not supported\","
				+ "\"type\":\"invalid_request_error\",\"code\":\"invalid_value\"}}";
		this.upstream.reply(400, rejection).answer(HANGZHOU, 10, 5).answer(HANGZHOU, 10, 5);
		this.runner.run((context) -> {
			ChatPrompt prompt = context.getBean(ChatPrompt.class);
			assertThat(askWeather(prompt).city()).isEqualTo("杭州");
			assertThat(askWeather(prompt).city()).isEqualTo("杭州");

			List<JsonNode> sent = this.upstream.requests();
			assertThat(sent).hasSize(3);
			assertThat(sent.get(0).get("response_format").get("type").asString()).isEqualTo("json_schema");
			assertThat(sent.get(1).get("response_format").get("type").asString()).isEqualTo("json_object");
			assertThat(sent.get(2).get("response_format").get("type").asString()).isEqualTo("json_object");
			assertThat(sent.get(1).get("messages").get(0).get("content").asString()).startsWith("你是天气助手")
				.contains("\"temperature_c\"");
			assertThat(output.getAll().split("rejected response_format", -1)).hasSize(2);
		});
	}

	@Test
	void promptModeShouldSendNoResponseFormatOnlyTheInstruction() {
		this.upstream.answer(HANGZHOU, 10, 5);
		this.runner.withPropertyValues("chat.providers.relay.structured-output=prompt").run((context) -> {
			ChatPrompt prompt = context.getBean(ChatPrompt.class);
			assertThat(askWeather(prompt).city()).isEqualTo("杭州");
			JsonNode sent = this.upstream.requests().get(0);
			assertThat(sent.has("response_format")).isFalse();
			assertThat(sent.get("messages")).hasSize(2);
			assertThat(sent.get("messages").get(0).get("content").asString()).contains("Answer with only a JSON value");
		});
	}

	@Test
	void aFixedModeShouldNotFallBackOnRejection() {
		this.upstream.reply(400,
				"{\"error\":{\"message\":\"response_format is not supported\",\"type\":\"invalid_request_error\"}}");
		this.runner.withPropertyValues("chat.providers.relay.structured-output=json-schema").run((context) -> {
			ChatPrompt prompt = context.getBean(ChatPrompt.class);
			assertThatExceptionOfType(ChatBadRequestException.class).isThrownBy(() -> askWeather(prompt));
			assertThat(this.upstream.requests()).hasSize(1);
		});
	}

	@Test
	void promptShouldBeImmutableAndReusable() {
		this.upstream.answer("一", 1, 1).answer("二", 1, 1);
		this.runner.run((context) -> {
			ChatPrompt base = context.getBean(ChatTemplate.class)
				.prompt()
				.system("简短回答")
				.temperature(0.2)
				.maxTokens(50)
				.stop("。")
				.extraBody("online", true);
			ChatPrompt first = base.user("第一个问题");
			assertThat(first.call().content().block()).isEqualTo("一");
			assertThat(base.user("第二个问题").model("gpt-4o").call().content().block()).isEqualTo("二");

			assertThat(base).isNotSameAs(first);
			JsonNode second = this.upstream.requests().get(1);
			assertThat(second.get("messages")).hasSize(2);
			assertThat(second.get("messages").get(1).get("content").asString()).isEqualTo("第二个问题");
			assertThat(second.get("temperature").asDouble()).isEqualTo(0.2);
			assertThat(second.get("max_tokens").asInt()).isEqualTo(50);
			assertThat(second.get("stop").asString()).isEqualTo("。");
			assertThat(second.get("online").asBoolean()).isTrue();
		});
	}

	@Test
	void aPromptWithoutMessageShouldFailBeforeAnyCall() {
		this.runner.run((context) -> {
			assertThatIllegalArgumentException().isThrownBy(() -> context.getBean(ChatPrompt.class).call())
				.withMessageContaining("at least one message");
			assertThat(this.upstream.requests()).isEmpty();
		});
	}

	@Test
	void aTypeThatCannotBeDescribedShouldFailBeforeAnyCall() {
		this.runner.run((context) -> {
			ChatPrompt.CallResponse call = context.getBean(ChatPrompt.class).user("hi").call();
			assertThatIllegalArgumentException().isThrownBy(() -> call.entity(Recursive.class))
				.withMessageContaining("Recursive");
			assertThat(this.upstream.requests()).isEmpty();
		});
	}

	record Recursive(String name, List<Recursive> children, Map<String, Recursive> byName) {
	}

}
