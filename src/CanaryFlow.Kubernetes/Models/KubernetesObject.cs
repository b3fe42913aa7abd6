using System.Text.Json.Serialization;

namespace CanaryFlow.Kubernetes.Models;

/// <summary>
/// The base of the top-level records: apiVersion, kind and metadata, written first as the API server does.
/// A record made in code starts with its kind's apiVersion and kind, so it can be sent as it is; items of built-in
/// lists, which come without them, get them too.
/// </summary>
public abstract record KubernetesObject : KubernetesRecord, IKubernetesObject
{
    // The source generator sets every init-only property, passing null for members absent from the JSON, which would
    // wipe property initializers. The init accessors below keep the defaults instead.
    private readonly string? _apiVersion;
    private readonly string? _kind;
    private readonly ObjectMeta _metadata = new();

    protected KubernetesObject(string? apiVersion, string? kind)
    {
        _apiVersion = apiVersion;
        _kind = kind;
    }

    /// <summary>Setting null keeps the kind's default.</summary>
    [JsonPropertyOrder(-3)]
    public string? ApiVersion
    {
        get => _apiVersion;
        init => _apiVersion = value ?? _apiVersion;
    }

    /// <summary>Setting null keeps the kind's default.</summary>
    [JsonPropertyOrder(-2)]
    public string? Kind
    {
        get => _kind;
        init => _kind = value ?? _kind;
    }

    /// <summary>Never null: absent metadata reads as empty.</summary>
    [JsonPropertyOrder(-1)]
    public ObjectMeta Metadata
    {
        get => _metadata;
        init => _metadata = value ?? new();
    }
}
