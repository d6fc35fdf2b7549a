package kz.digitaltenge.hub.api;

/** Every refusal of the API: {@code {"reason":"<ReasonCode name>","message":"..."}}. */
public record ApiError(String reason, String message) {
}
