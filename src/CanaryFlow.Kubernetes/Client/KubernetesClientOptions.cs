namespace CanaryFlow.Kubernetes.Client;

/// <summary>How the client talks to the API server.</summary>
public sealed record KubernetesClientOptions
{
    /// <summary>Sustained requests per second (client-side rate limit).</summary>
    public double Qps { get; init; } = 50;

    /// <summary>Requests allowed at once above <see cref="Qps"/>.</summary>
    public int Burst { get; init; } = 100;

    /// <summary>Per-request timeout for everything but watches (which last until the server ends them).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>Recorded as the field manager of every write (and required by server-side apply).</summary>
    public string FieldManager { get; init; } = "canaryflow";

    public string UserAgent { get; init; } = $"canaryflow/{typeof(KubernetesClientOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"} ({Environment.OSVersion.Platform.ToString().ToLowerInvariant()}/{System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()})";

    /// <summary>Page size of paged lists.</summary>
    public int PageSize { get; init; } = 500;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Called after every request with its verb, resource, status code (0 without a response) and duration: feeds /metrics.</summary>
    public Action<ApiRequestRecord>? RequestCompleted { get; init; }
}

/// <summary>One completed API request, for metrics (verb and resource have bounded cardinality).</summary>
public sealed record ApiRequestRecord(string Verb, string Resource, int StatusCode, TimeSpan Duration);
