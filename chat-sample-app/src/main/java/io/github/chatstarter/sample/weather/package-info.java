/**
 * A typed answer and an annotated tool: {@code GET /api/weather?city=杭州} asks the model
 * for a {@link io.github.chatstarter.sample.weather.WeatherReport}, and the model looks
 * the weather up with {@link io.github.chatstarter.sample.weather.WeatherTools}.
 */
@NullMarked
package io.github.chatstarter.sample.weather;

import org.jspecify.annotations.NullMarked;
