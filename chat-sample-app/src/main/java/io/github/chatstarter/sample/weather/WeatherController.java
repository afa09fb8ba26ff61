package io.github.chatstarter.sample.weather;

import io.github.chatstarter.prompt.ChatPrompt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A typed answer that needed a tool: the model looks the weather up with
 * {@link WeatherTools} and answers as a {@link WeatherReport}.
 */
@RestController
class WeatherController {

	private final ChatPrompt weatherPrompt;

	/**
	 * @param chatPrompt the auto-configured prompt: the primary template's, with the
	 * configured structured-output settings
	 * @param weatherTools the tools the model may call
	 */
	WeatherController(ChatPrompt chatPrompt, WeatherTools weatherTools) {
		this.weatherPrompt = chatPrompt.tools(weatherTools).system("你是天气助手。用户说出一个城市，先查询它的天气，再给出建议。");
	}

	@GetMapping("/api/weather")
	Mono<WeatherReport> weather(@RequestParam String city) {
		return this.weatherPrompt.user(city).call().entity(WeatherReport.class);
	}

}
