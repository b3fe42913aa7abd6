namespace CanaryFlow.Kubernetes.Informers;

/// <summary>What an informer watches and how it recovers.</summary>
public sealed record InformerOptions
{
    /// <summary>One namespace, or null for all namespaces (and cluster-scoped kinds).</summary>
    public string? Namespace { get; init; }

    /// <summary>Caches only the matching objects, e.g. the ReplicaSets the controller owns.</summary>
    public string? LabelSelector { get; init; }

    public string? FieldSelector { get; init; }

    /// <summary>Back-off after failures: starts here, doubles with full jitter, capped at <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(800);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>After this long without failures the back-off starts from the beginning again.</summary>
    public TimeSpan BackoffResetAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Each watch asks the server to end it after a random time in [min, max), so connections are recycled.</summary>
    public TimeSpan MinWatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan MaxWatchTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
