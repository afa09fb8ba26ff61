package io.github.chatstarter.sample.weather;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The typed answer the model gives.
 *
 * @param city the city
 * @param sky the sky, in the words of the weather service
 * @param temperatureC temperature in degrees Celsius
 * @param advice what to wear or take along
 */
public record WeatherReport(@JsonPropertyDescription("City the report is about") String city,
		@JsonPropertyDescription("Sky, as the weather service says it") String sky,
		@JsonPropertyDescription("Temperature in degrees Celsius") int temperatureC,
		@JsonPropertyDescription("One sentence of advice: what to wear or take along") String advice) {

}
