using CanaryFlow.LocalCluster.Printing;
using CanaryFlow.LocalCluster.Schema;
using CanaryFlow.LocalCluster.Strategies;

namespace CanaryFlow.LocalCluster.Registry;

/// <summary>
/// One served resource at one group-version: what the URL addresses, how objects are stored, validated and
/// printed. Several descriptors may share a storage resource (events are served by core/v1 and events.k8s.io/v1,
/// custom resources by every served version of their CRD).
/// </summary>
public sealed class ResourceDescriptor
{
    public required string Group { get; init; }
    public required string Version { get; init; }

    /// <summary>The plural resource name used in URLs.</summary>
    public required string Resource { get; init; }
    public required string Kind { get; init; }
    public string? ListKindOverride { get; init; }
    public string ListKind => ListKindOverride ?? Kind + "List";
    public required string Singular { get; init; }
    public required bool Namespaced { get; init; }
    public IReadOnlyList<string> ShortNames { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Key of the table the objects live in, shared by every version of a resource.</summary>
    public required string StorageResource { get; init; }

    public bool IsCustomResource { get; init; }

    /// <summary>Schema of the whole object (apiVersion, kind, metadata, spec, status...), null when anything goes.</summary>
    public StructuralSchema? Schema { get; init; }

    public bool HasStatusSubresource => Strategy.HasStatusSubresource;

    /// <summary>Name of the kind's schema in the OpenAPI documents (<c>io.k8s.api.core.v1.Pod</c>, <c>io.canaryflow.v1alpha1.Rollout</c>).</summary>
    public string? OpenApiDefinitionName { get; init; }

    /// <summary>For custom resources: the CRD's openAPIV3Schema as written, published in the OpenAPI documents.</summary>
    public System.Text.Json.Nodes.JsonObject? OpenApiSchema { get; init; }
    public ScaleSubresource? Scale { get; init; }
    public required ResourceStrategy Strategy { get; init; }

    /// <summary>Whether Tables start with the Name column (Events print it last, as a wide column).</summary>
    public bool NameColumnFirst { get; init; } = true;

    /// <summary>Table columns after the implicit Name column.</summary>
    public IReadOnlyList<PrinterColumn> Columns { get; init; } = [];

    /// <summary>Fields usable in field selectors besides metadata.name and metadata.namespace.</summary>
    public IReadOnlyDictionary<string, Func<System.Text.Json.Nodes.JsonObject, string?>> SelectableFields { get; init; } =
        new Dictionary<string, Func<System.Text.Json.Nodes.JsonObject, string?>>();

    /// <summary>Translates between the stored form and this endpoint's form; null when they are the same.</summary>
    public IObjectConverter? Converter { get; init; }

    public IReadOnlyList<string> Verbs { get; init; } = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary><c>resource</c> or <c>resource.group</c>, as Status messages name it.</summary>
    public string QualifiedResource => Group.Length == 0 ? Resource : Resource + "." + Group;

    /// <summary><c>Kind</c> or <c>Kind.group</c>, as Invalid messages name it.</summary>
    public string QualifiedKind => Group.Length == 0 ? Kind : Kind + "." + Group;

    public override string ToString() => $"{ApiVersion} {Resource}";
}

/// <summary>
/// The scale subresource's mapping onto the object (CRD <c>subresources.scale</c>). Built-in workloads take the
/// selector from their structured <c>spec.selector</c> instead of a string field.
/// </summary>
public sealed record ScaleSubresource(string SpecReplicasPath, string StatusReplicasPath, string? LabelSelectorPath, bool SelectorFromSpec = false);
