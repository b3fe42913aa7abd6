using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Kubernetes.Client;

/// <summary>
/// An error answer from the API server, carrying its Status (reason, message, details with causes). The message
/// names the verb and the object, never credentials.
/// </summary>
public class KubernetesApiException : Exception
{
    public KubernetesApiException(string message, int statusCode, Status? status, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Status = status;
    }

    /// <summary>The HTTP status code (equal to Status.code when there is a Status).</summary>
    public int StatusCode { get; }

    public Status? Status { get; }

    /// <summary>The Status reason: NotFound, Conflict, AlreadyExists, Invalid, Expired, Forbidden, Unauthorized, ...</summary>
    public string Reason => Status?.Reason ?? "";

    public IReadOnlyList<StatusCause> Causes => Status?.Details?.Causes ?? [];

    public bool IsNotFound => StatusCode == 404;

    public bool IsAlreadyExists => StatusCode == 409 && Reason == "AlreadyExists";

    /// <summary>A stale resourceVersion (or a failed precondition): re-read and try again.</summary>
    public bool IsConflict => StatusCode == 409 && Reason != "AlreadyExists";

    public bool IsInvalid => StatusCode == 422;

    /// <summary>410 Expired (or Gone on older servers): the resourceVersion or continue token is no longer available.</summary>
    public bool IsExpired => StatusCode == 410 || Reason is "Expired" or "Gone";

    public bool IsForbidden => StatusCode == 403;

    public bool IsUnauthorized => StatusCode == 401;

    public bool IsTooManyRequests => StatusCode == 429;

    /// <summary>Worth retrying later: throttling, timeouts and server-side trouble.</summary>
    public bool IsTransient => StatusCode is 429 or 500 or 502 or 503 or 504;
}

/// <summary>
/// The plain-text 404 of a path the server does not serve at all: the resource type is unknown (a CRD that is not
/// installed), as opposed to an object that does not exist.
/// </summary>
public sealed class ResourceNotServedException : KubernetesApiException
{
    public ResourceNotServedException(string message)
        : base(message, 404, null)
    {
    }
}
