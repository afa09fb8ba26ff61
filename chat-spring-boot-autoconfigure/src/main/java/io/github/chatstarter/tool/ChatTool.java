package io.github.chatstarter.tool;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Offers a method to the model as a tool, when its object is passed to
 * {@link ToolCalling.Builder#tools(Object...)}. The parameters' JSON schema is made from
 * their types (see {@link ChatToolParam}); the model's arguments are bound to them with
 * Jackson; the return value goes back as JSON, a {@code String} as it is. A method
 * returning {@code Mono} or {@code Flux} must not block and is subscribed to directly;
 * any other runs on Reactor's bounded-elastic scheduler, never on a network thread.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ChatTool {

	/**
	 * What the tool does, as the model reads it.
	 */
	String description();

	/**
	 * Name of the tool ({@code ^[a-zA-Z0-9_-]{1,64}$}); the method's name when empty.
	 */
	String name() default "";

}
