package io.github.chatstarter.sample.weather;

import java.util.Map;

import io.github.chatstarter.tool.ChatTool;
import io.github.chatstarter.tool.ChatToolParam;
import org.springframework.stereotype.Component;

/**
 * A tool the model may call: the current weather of a city, from a small table standing
 * in for a weather service. A plain blocking method: the starter runs it on a
 * bounded-elastic thread.
 */
@Component
public class WeatherTools {

	private static final Map<String, Conditions> TABLE = Map.of("杭州", new Conditions("杭州", "多云", 18), "北京",
			new Conditions("北京", "晴", 12), "上海", new Conditions("上海", "小雨", 16));

	/**
	 * The current weather of the city.
	 */
	@ChatTool(name = "current_weather", description = "Current weather of a city in China")
	public Conditions currentWeather(@ChatToolParam(description = "City name in Chinese, such as 杭州") String city) {
		Conditions conditions = TABLE.get(city.strip());
		return (conditions != null) ? conditions : new Conditions(city, "未知", 20);
	}

	/**
	 * What the weather service says.
	 *
	 * @param city the city
	 * @param sky the sky
	 * @param temperatureC temperature in degrees Celsius
	 */
	public record Conditions(String city, String sky, int temperatureC) {

	}

}
