namespace CanaryFlow.LocalCluster.Registry;

/// <summary>The <c>fieldValidation</c> query parameter.</summary>
public enum FieldValidationMode
{
    Ignore,
    Warn,
    Strict,
}

/// <summary>Options of create, update and patch requests.</summary>
public sealed record WriteOptions
{
    public bool DryRun { get; init; }

    /// <summary>The fieldManager query parameter (required for apply).</summary>
    public string? FieldManager { get; init; }

    /// <summary>The User-Agent's product name, which the write is recorded under when no fieldManager is given.</summary>
    public string? UserAgentManager { get; init; }

    public string Manager => FieldManager ?? UserAgentManager ?? "unknown";
    public FieldValidationMode FieldValidation { get; init; } = FieldValidationMode.Warn;
    public bool Force { get; init; }

    /// <summary>Duplicate fields the body decoder found (they only matter for field validation).</summary>
    public IReadOnlyList<string> DuplicateFields { get; init; } = [];

    public static readonly WriteOptions Internal = new() { FieldManager = "kube-controller-manager", FieldValidation = FieldValidationMode.Ignore };
}

/// <summary>metav1.DeleteOptions.</summary>
public sealed record DeleteOptions
{
    public long? GracePeriodSeconds { get; init; }
    public string? PropagationPolicy { get; init; }
    public bool? OrphanDependents { get; init; }
    public string? PreconditionUid { get; init; }
    public string? PreconditionResourceVersion { get; init; }
    public bool DryRun { get; init; }

    public static readonly DeleteOptions Background = new() { PropagationPolicy = "Background" };
}
