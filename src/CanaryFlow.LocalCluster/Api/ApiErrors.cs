using CanaryFlow.LocalCluster.Registry;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Api;

/// <summary>The Status errors of apimachinery <c>pkg/api/errors</c>, with the real server's messages.</summary>
public static class ApiErrors
{
    public static StatusException NotFound(ResourceDescriptor d, string name) =>
        NotFound(d.QualifiedResource, d.Group, d.Resource, name);

    public static StatusException NotFound(string qualifiedResource, string group, string resource, string name) =>
        new(404, "NotFound", $"{qualifiedResource} \"{name}\" not found", new StatusDetails(name, group, resource));

    public static StatusException AlreadyExists(ResourceDescriptor d, string name, bool terminating = false) =>
        new(409, "AlreadyExists", (terminating ? "object is being deleted: " : "") + $"{d.QualifiedResource} \"{name}\" already exists",
            new StatusDetails(name, d.Group, d.Resource));

    public const string OptimisticLockMessage =
        "the object has been modified; please apply your changes to the latest version and try again";

    public static StatusException Conflict(ResourceDescriptor d, string name, string reason = OptimisticLockMessage) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {d.QualifiedResource} \"{name}\": {reason}",
            new StatusDetails(name, d.Group, d.Resource));

    /// <summary>A delete precondition failure, which names the Kind rather than the resource.</summary>
    public static StatusException PreconditionConflict(ResourceDescriptor d, string name, string reason) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {d.QualifiedKind} \"{name}\": {reason}",
            new StatusDetails(name, d.Group, d.Kind));

    public static StatusException Invalid(ResourceDescriptor d, string name, IReadOnlyList<FieldError> errors) =>
        Invalid(d.QualifiedKind, d.Group, d.Kind, name, errors);

    /// <summary>Invalid naming the resource instead of the Kind (the generic store's own checks do this).</summary>
    public static StatusException InvalidResource(ResourceDescriptor d, string name, IReadOnlyList<FieldError> errors) =>
        Invalid(d.QualifiedResource, d.Group, d.Resource, name, errors);

    public static StatusException Invalid(string qualifiedName, string group, string kindOrResource, string name, IReadOnlyList<FieldError> errors) =>
        new(422, "Invalid", $"{qualifiedName} \"{name}\" is invalid: {FieldError.Aggregate(errors)}",
            new StatusDetails(name, group, kindOrResource, Causes: errors.Select(e => new StatusCause(e.Reason, e.ErrorBody, e.Field)).ToList()));

    /// <summary>The 422 the patch handler returns when a JSON patch cannot be applied: the library's text is not returned.</summary>
    public static StatusException PatchRejected() =>
        new(422, "Invalid", "the server rejected our request due to an error in our request", new StatusDetails(null, null, null));

    public static StatusException BadRequest(string message) => new(400, "BadRequest", message);

    public static StatusException Forbidden(ResourceDescriptor d, string? name, string reason, IReadOnlyList<StatusCause>? causes = null) =>
        new(403, "Forbidden",
            name is null ? $"{d.QualifiedResource} is forbidden: {reason}" : $"{d.QualifiedResource} \"{name}\" is forbidden: {reason}",
            new StatusDetails(name, d.Group, d.Resource, Causes: causes));

    public static StatusException MethodNotSupported(ResourceDescriptor d, string verb) =>
        new(405, "MethodNotAllowed", $"{verb} is not supported on resources of kind \"{d.QualifiedResource}\"",
            new StatusDetails(null, d.Group, d.Resource));

    public static StatusException UnsupportedMediaType(string contentType, IEnumerable<string> accepted) =>
        new(415, "UnsupportedMediaType",
            $"the body of the request was in an unknown format - accepted media types include: {string.Join(", ", accepted)}");

    public static StatusException NotAcceptable(IEnumerable<string> accepted) =>
        new(406, "NotAcceptable", $"only the following media types are accepted: {string.Join(", ", accepted)}");

    public static StatusException Expired(string message) => new(410, "Expired", message);

    public static StatusException TooManyRequests(int retryAfterSeconds) =>
        new(429, "TooManyRequests", "Too many requests, please try again later.", new StatusDetails(null, null, null, RetryAfterSeconds: retryAfterSeconds));

    public static StatusException Internal(string message) =>
        new(500, "InternalError", $"Internal error occurred: {message}",
            new StatusDetails(null, null, null, Causes: [new StatusCause("", message, null)]));

    /// <summary>A plain error the real server reports with an empty reason (e.g. resourceVersion set on create).</summary>
    public static StatusException PlainInternal(string message) => new(500, "", message);

    public static StatusException Timeout(string message, int retryAfterSeconds, IReadOnlyList<StatusCause>? causes = null) =>
        new(504, "Timeout", $"Timeout: {message}", new StatusDetails(null, null, null, Causes: causes, RetryAfterSeconds: retryAfterSeconds));

    public static StatusException RequestEntityTooLarge(long limit) =>
        new(413, "RequestEntityTooLarge", $"Request entity too large: limit is {limit}");

    public static StatusException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    public static StatusException PageNotFound() => new(404, "NotFound", "404 page not found\n", plainText: true);
}
