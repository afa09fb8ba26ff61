package io.github.chatstarter.tool;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import io.github.chatstarter.model.Tool;
import io.github.chatstarter.schema.TypeSchemas;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One {@link ChatTool} method of one object: its tool definition and the handler that
 * binds the model's arguments and calls it. Definitions are checked when made, naming the
 * method.
 */
final class MethodTool {

	private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final DefaultParameterNameDiscoverer PARAMETER_NAMES = new DefaultParameterNameDiscoverer();

	private final Object target;

	private final Method method;

	private final Tool tool;

	private final List<String> names;

	private final List<Boolean> required;

	private MethodTool(Object target, Method method, Tool tool, List<String> names, List<Boolean> required) {
		this.target = target;
		this.method = method;
		this.tool = tool;
		this.names = names;
		this.required = required;
	}

	/**
	 * The tools of the object's {@link ChatTool} methods.
	 * @throws IllegalArgumentException naming the method, if a definition is invalid or
	 * the object has none
	 */
	static List<MethodTool> of(Object target) {
		Class<?> type = ClassUtils.getUserClass(target);
		List<MethodTool> tools = new ArrayList<>();
		Map<String, Method> javaNames = new LinkedHashMap<>();
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(type, ReflectionUtils.USER_DECLARED_METHODS)) {
			ChatTool annotation = AnnotatedElementUtils.findMergedAnnotation(method, ChatTool.class);
			if (annotation == null) {
				continue;
			}
			Method overloaded = javaNames.put(method.getName(), method);
			if (overloaded != null) {
				throw new IllegalArgumentException(
						"@ChatTool methods must not be overloaded, but " + method + " overloads " + overloaded);
			}
			tools.add(describe(target, method, annotation));
		}
		if (tools.isEmpty()) {
			throw new IllegalArgumentException(type.getName() + " has no @ChatTool method");
		}
		return tools;
	}

	private static MethodTool describe(Object target, Method method, ChatTool annotation) {
		String name = annotation.name().isEmpty() ? method.getName() : annotation.name();
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException(
					"Tool name '" + name + "' of " + method + " does not match ^[a-zA-Z0-9_-]{1,64}$");
		}
		ReflectionUtils.makeAccessible(method);
		Map<String, Object> properties = new LinkedHashMap<>();
		List<String> required = new ArrayList<>();
		List<String> names = new ArrayList<>();
		List<Boolean> requiredFlags = new ArrayList<>();
		Parameter[] parameters = method.getParameters();
		for (int i = 0; i < parameters.length; i++) {
			ChatToolParam param = parameters[i].getAnnotation(ChatToolParam.class);
			String parameterName = parameterName(method, i, param);
			Map<String, Object> schema;
			try {
				schema = new LinkedHashMap<>(TypeSchemas.of(described(new MethodParameter(method, i))));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Parameter '" + parameterName + "' of " + method
						+ " cannot be described as a JSON schema: " + ex.getMessage(), ex);
			}
			if (param != null && !param.description().isEmpty()) {
				schema.put("description", param.description());
			}
			boolean isRequired = parameters[i].getType() != Optional.class && (param == null || param.required());
			if (isRequired) {
				required.add(parameterName);
			}
			properties.put(parameterName, schema);
			names.add(parameterName);
			requiredFlags.add(isRequired);
		}
		Map<String, Object> schema = new LinkedHashMap<>();
		schema.put("type", "object");
		schema.put("properties", properties);
		schema.put("required", required);
		schema.put("additionalProperties", false);
		return new MethodTool(target, method, Tool.function(name, annotation.description(), schema), names,
				requiredFlags);
	}

	/**
	 * The type the model writes: that of an {@code Optional}'s value, as leaving it out
	 * is how it says empty.
	 */
	private static java.lang.reflect.Type described(MethodParameter parameter) {
		if (parameter.getParameterType() == Optional.class) {
			return org.springframework.core.ResolvableType.forMethodParameter(parameter).getGeneric(0).getType();
		}
		return parameter.getGenericParameterType();
	}

	private static String parameterName(Method method, int index, @Nullable ChatToolParam param) {
		if (param != null && !param.name().isEmpty()) {
			return param.name();
		}
		String[] names = PARAMETER_NAMES.getParameterNames(method);
		String name = (names != null) ? names[index] : null;
		if (name == null) {
			throw new IllegalArgumentException("Parameter " + index + " of " + method
					+ " has no name: compile with -parameters or set @ChatToolParam(name = ..)");
		}
		return name;
	}

	Tool tool() {
		return this.tool;
	}

	String name() {
		// Built by this class from a method, so always a function tool.
		return Objects.requireNonNull(this.tool.function(), "function").name();
	}

	Method method() {
		return this.method;
	}

	/**
	 * Binds the arguments and calls the method. Arguments that do not bind become the
	 * call's result, telling the model what to correct; a failure of the method is the
	 * handler's error.
	 */
	Mono<String> call(ToolInvocation invocation) {
		Object[] arguments;
		try {
			arguments = bind(invocation.arguments());
		}
		catch (IllegalArgumentException | JacksonException ex) {
			String reason = (ex instanceof JacksonException jackson) ? jackson.getOriginalMessage() : ex.getMessage();
			return Mono.just("Error: the arguments of tool '" + name() + "' are invalid: " + reason
					+ ". Call it again with arguments that follow its parameters' schema.");
		}
		if (Publisher.class.isAssignableFrom(this.method.getReturnType())) {
			return Mono.defer(() -> {
				Publisher<?> result = (Publisher<?>) invoke(arguments);
				if (result == null) {
					return Mono.error(new ToolCallingException(
							"Tool '" + name() + "' returned null instead of a Mono or Flux", name(), null));
				}
				Mono<?> single = (result instanceof Mono<?> mono) ? mono : Flux.from(result).collectList();
				return single.map(MethodTool::toResult);
			});
		}
		return Mono.fromCallable(() -> toResult(invoke(arguments))).subscribeOn(Schedulers.boundedElastic());
	}

	private Object[] bind(String json) {
		JsonNode node = json.isBlank() ? JSON.createObjectNode() : JSON.readTree(json);
		if (!node.isObject()) {
			throw new IllegalArgumentException("they are not a JSON object");
		}
		Parameter[] parameters = this.method.getParameters();
		Object[] values = new Object[parameters.length];
		for (int i = 0; i < parameters.length; i++) {
			String name = this.names.get(i);
			JsonNode value = node.get(name);
			MethodParameter parameter = new MethodParameter(this.method, i);
			if (value == null || value.isNull()) {
				if (this.required.get(i)) {
					throw new IllegalArgumentException("required parameter '" + name + "' is missing");
				}
				values[i] = (parameter.getParameterType() == Optional.class) ? Optional.empty() : null;
				continue;
			}
			try {
				values[i] = JSON.convertValue(value, JSON.constructType(parameter.getGenericParameterType()));
			}
			catch (IllegalArgumentException | JacksonException ex) {
				String reason = (ex instanceof JacksonException jackson) ? jackson.getOriginalMessage()
						: ex.getMessage();
				throw new IllegalArgumentException("parameter '" + name + "' is not a "
						+ parameter.getGenericParameterType().getTypeName() + ": " + reason, ex);
			}
		}
		return values;
	}

	private @Nullable Object invoke(Object[] arguments) {
		try {
			return this.method.invoke(this.target, arguments);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new ToolCallingException("Tool '" + name() + "' failed: " + cause, name(), cause);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Cannot call " + this.method, ex);
		}
	}

	/**
	 * The result as the model reads it: a String as it is, anything else as JSON
	 * ({@code null} for none).
	 */
	private static String toResult(@Nullable Object value) {
		return (value instanceof CharSequence text) ? text.toString() : JSON.writeValueAsString(value);
	}

}
