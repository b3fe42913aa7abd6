using System.Text.Json;

namespace CanaryFlow.Kubernetes.Models;

/// <summary>
/// networking.k8s.io/v1 Ingress. Canary weights for ingress controllers (NGINX's canary-weight and friends) are
/// annotations in <see cref="ObjectMeta.Annotations"/>, not spec fields.
/// </summary>
public sealed record Ingress() : KubernetesObject("networking.k8s.io/v1", "Ingress")
{
    public IngressSpec? Spec { get; init; }

    /// <summary>Load-balancer addresses written by the ingress controller; carried through unread.</summary>
    public JsonElement? Status { get; init; }
}

public sealed record IngressSpec : KubernetesRecord
{
    public string? IngressClassName { get; init; }

    public IngressBackend? DefaultBackend { get; init; }

    public IReadOnlyList<IngressTls>? Tls { get; init; }

    public IReadOnlyList<IngressRule>? Rules { get; init; }
}

/// <summary>A service backend, or a <c>resource</c> reference (kept in extension data) in its place.</summary>
public sealed record IngressBackend : KubernetesRecord
{
    public IngressServiceBackend? Service { get; init; }
}

public sealed record IngressServiceBackend : KubernetesRecord
{
    public string? Name { get; init; }

    public ServiceBackendPort? Port { get; init; }
}

/// <summary>The service port by number or by name; exactly one of the two is set.</summary>
public sealed record ServiceBackendPort : KubernetesRecord
{
    public string? Name { get; init; }

    public int? Number { get; init; }
}

public sealed record IngressTls : KubernetesRecord
{
    public IReadOnlyList<string>? Hosts { get; init; }

    public string? SecretName { get; init; }
}

public sealed record IngressRule : KubernetesRecord
{
    public string? Host { get; init; }

    public HttpIngressRuleValue? Http { get; init; }
}

public sealed record HttpIngressRuleValue : KubernetesRecord
{
    public IReadOnlyList<HttpIngressPath>? Paths { get; init; }
}

public sealed record HttpIngressPath : KubernetesRecord
{
    public string? Path { get; init; }

    /// <summary>Exact, Prefix or ImplementationSpecific.</summary>
    public string? PathType { get; init; }

    public IngressBackend? Backend { get; init; }
}
