using System.Text.Json;
using System.Text.Json.Serialization;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Kubernetes.Models;

/// <summary>apiextensions.k8s.io/v1 CustomResourceDefinition.</summary>
public sealed record CustomResourceDefinition() : KubernetesObject("apiextensions.k8s.io/v1", "CustomResourceDefinition")
{
    public CustomResourceDefinitionSpec? Spec { get; init; }

    public CustomResourceDefinitionStatus? Status { get; init; }
}

/// <summary>The conversion webhook settings stay in <see cref="ExtensionData"/>.</summary>
public sealed record CustomResourceDefinitionSpec : KubernetesRecord
{
    public string? Group { get; init; }

    public CustomResourceDefinitionNames? Names { get; init; }

    /// <summary>Namespaced or Cluster.</summary>
    public string? Scope { get; init; }

    public IReadOnlyList<CustomResourceDefinitionVersion>? Versions { get; init; }
}

public sealed record CustomResourceDefinitionNames : KubernetesRecord
{
    public string? Plural { get; init; }

    public string? Singular { get; init; }

    public IReadOnlyList<string>? ShortNames { get; init; }

    public string? Kind { get; init; }

    /// <summary>Defaults to Kind + "List" on the server.</summary>
    public string? ListKind { get; init; }

    public IReadOnlyList<string>? Categories { get; init; }
}

/// <summary>
/// One served version. The schema, subresources and printer columns are JSON the API server interprets; the client
/// only carries them, so they stay JSON instead of a typed OpenAPI model.
/// </summary>
public sealed record CustomResourceDefinitionVersion : KubernetesRecord
{
    public string? Name { get; init; }

    public bool? Served { get; init; }

    /// <summary>Exactly one version is stored.</summary>
    public bool? Storage { get; init; }

    public bool? Deprecated { get; init; }

    public string? DeprecationWarning { get; init; }

    public CustomResourceValidation? Schema { get; init; }

    public JsonElement? Subresources { get; init; }

    public IReadOnlyList<JsonElement>? AdditionalPrinterColumns { get; init; }
}

public sealed record CustomResourceValidation : KubernetesRecord
{
    [JsonPropertyName("openAPIV3Schema")]
    public JsonElement? OpenApiV3Schema { get; init; }
}

public sealed record CustomResourceDefinitionStatus : KubernetesRecord
{
    /// <summary>Established and NamesAccepted tell when the new resource can be used.</summary>
    public IReadOnlyList<CustomResourceDefinitionCondition>? Conditions { get; init; }

    public CustomResourceDefinitionNames? AcceptedNames { get; init; }

    /// <summary>Every version objects may still be stored in; a version leaves only after a storage migration.</summary>
    public IReadOnlyList<string>? StoredVersions { get; init; }
}

public sealed record CustomResourceDefinitionCondition : KubernetesRecord
{
    public string? Type { get; init; }

    public string? Status { get; init; }

    [JsonConverter(typeof(TimeJsonConverter))]
    public DateTimeOffset? LastTransitionTime { get; init; }

    public string? Reason { get; init; }

    public string? Message { get; init; }
}
