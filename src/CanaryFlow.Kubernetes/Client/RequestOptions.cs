namespace CanaryFlow.Kubernetes.Client;

/// <summary>Options of a list request (one page).</summary>
public sealed record ListOptions
{
    public string? LabelSelector { get; init; }
    public string? FieldSelector { get; init; }

    /// <summary>"" (most recent, consistent), "0" (any, possibly from cache) or an exact version.</summary>
    public string? ResourceVersion { get; init; }
    public int? Limit { get; init; }
    public string? Continue { get; init; }
}

/// <summary>Options of a watch request.</summary>
public sealed record WatchOptions
{
    public string? LabelSelector { get; init; }
    public string? FieldSelector { get; init; }

    /// <summary>Where to start: after this version; "" or "0" start with ADDED events for what exists.</summary>
    public string? ResourceVersion { get; init; }
    public bool AllowBookmarks { get; init; } = true;

    /// <summary>Asks the server to end the watch cleanly after this long.</summary>
    public TimeSpan? Timeout { get; init; }
}

/// <summary>Options shared by create, replace and patch.</summary>
public sealed record WriteOptions
{
    public static WriteOptions Default { get; } = new();

    public bool DryRun { get; init; }

    /// <summary>Overrides the client's field manager for this write.</summary>
    public string? FieldManager { get; init; }

    /// <summary>Strict makes the server reject unknown fields instead of dropping them.</summary>
    public string? FieldValidation { get; init; }
}

/// <summary>The result of a list that followed every continue token: all items at one resourceVersion.</summary>
public sealed record ListResult<T>(IReadOnlyList<T> Items, string ResourceVersion);

/// <summary>What a delete answered: the object when it is still terminating (or when the kind returns it), else the Status.</summary>
public sealed record DeleteResult<T>(T? Object, Models.Status? Status) where T : class;
