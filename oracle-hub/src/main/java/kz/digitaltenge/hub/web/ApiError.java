package kz.digitaltenge.hub.web;

/** Every refusal of the API: {@code {"reason":"<ReasonCode name>","message":"..."}}. */
public record ApiError(String reason, String message) {
}
