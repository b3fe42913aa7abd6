using System.Text.Json.Serialization;

namespace CanaryFlow.Kubernetes.Models;

/// <summary>
/// metav1.Status: the body of every API error (and of some successful deletes). Always <c>v1 Status</c>, whatever
/// group was addressed; <see cref="Code"/> equals the HTTP status code.
/// </summary>
public sealed record Status : KubernetesRecord
{
    // Defaults for a Status made in code; reading keeps what the JSON says, absent included.
    public string? ApiVersion { get; init; } = "v1";

    public string? Kind { get; init; } = "Status";

    /// <summary>Carries <c>continue</c> on a 410 while paging.</summary>
    public ListMeta? Metadata { get; init; }

    /// <summary>Success or Failure: the wire's <c>status</c>, renamed because a member cannot share its record's name.</summary>
    [JsonPropertyName("status")]
    public string? Outcome { get; init; }

    public string? Message { get; init; }

    /// <summary>Machine-readable: NotFound, AlreadyExists, Conflict, Invalid, Expired, …</summary>
    public string? Reason { get; init; }

    public StatusDetails? Details { get; init; }

    public int? Code { get; init; }
}

/// <summary>
/// metav1.StatusDetails. <see cref="Kind"/> is the resource plural for NotFound, AlreadyExists and Conflict but the
/// Kind for Invalid, as the server fills it.
/// </summary>
public sealed record StatusDetails : KubernetesRecord
{
    public string? Name { get; init; }

    public string? Group { get; init; }

    public string? Kind { get; init; }

    public string? Uid { get; init; }

    public IReadOnlyList<StatusCause>? Causes { get; init; }

    public int? RetryAfterSeconds { get; init; }
}

/// <summary>metav1.StatusCause: one field error of an Invalid status, e.g. FieldValueRequired at spec.size.</summary>
public sealed record StatusCause : KubernetesRecord
{
    public string? Reason { get; init; }

    public string? Message { get; init; }

    public string? Field { get; init; }
}
