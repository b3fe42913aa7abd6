using System.Text.Json;

namespace CanaryFlow.Kubernetes.Models;

/// <summary>
/// gateway.networking.k8s.io/v1 HTTPRoute. The controller shifts traffic by rewriting <see cref="HttpBackendRef.Weight"/>
/// and must hand every other field of a user's route back unchanged; matches, filters and status are kept as JSON,
/// everything unmodelled in extension data.
/// </summary>
public sealed record HttpRoute() : KubernetesObject("gateway.networking.k8s.io/v1", "HTTPRoute")
{
    public HttpRouteSpec? Spec { get; init; }

    /// <summary>Per-parent acceptance written by gateway implementations; not ours to interpret.</summary>
    public JsonElement? Status { get; init; }
}

public sealed record HttpRouteSpec : KubernetesRecord
{
    public IReadOnlyList<ParentReference>? ParentRefs { get; init; }

    public IReadOnlyList<string>? Hostnames { get; init; }

    public IReadOnlyList<HttpRouteRule>? Rules { get; init; }
}

/// <summary>The Gateway (or other parent) a route attaches to.</summary>
public sealed record ParentReference : KubernetesRecord
{
    public string? Group { get; init; }

    public string? Kind { get; init; }

    public string? Namespace { get; init; }

    public string? Name { get; init; }

    public string? SectionName { get; init; }

    public int? Port { get; init; }
}

/// <summary>One rule; timeouts, retries, session persistence and its name stay in extension data.</summary>
public sealed record HttpRouteRule : KubernetesRecord
{
    public IReadOnlyList<JsonElement>? Matches { get; init; }

    public IReadOnlyList<JsonElement>? Filters { get; init; }

    public IReadOnlyList<HttpBackendRef>? BackendRefs { get; init; }
}

/// <summary>
/// A weighted backend of a rule. Group and kind default to the core Service on the server; per-backend filters stay in
/// extension data.
/// </summary>
public sealed record HttpBackendRef : KubernetesRecord
{
    public string? Group { get; init; }

    public string? Kind { get; init; }

    public string? Name { get; init; }

    public string? Namespace { get; init; }

    public int? Port { get; init; }

    /// <summary>Relative to the other backends of the rule; 0 sends no traffic; absent means 1.</summary>
    public int? Weight { get; init; }
}
