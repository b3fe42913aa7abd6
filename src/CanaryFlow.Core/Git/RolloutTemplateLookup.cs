namespace CanaryFlow.Core.Git;

/// <summary>What rendered manifests say about one Rollout's template.</summary>
public sealed record RolloutTemplateLookup(RolloutTemplateLookupKind Kind, string? TemplateHash)
{
    public static RolloutTemplateLookup NotFound { get; } = new(RolloutTemplateLookupKind.NotFound, null);

    /// <summary>True only for an unambiguous match with exactly this hash.</summary>
    public bool Yields(string templateHash) => Kind == RolloutTemplateLookupKind.Found && TemplateHash == templateHash;

    /// <summary>
    /// Finds Rollout <paramref name="ns"/>/<paramref name="name"/>. A manifest that names the namespace wins; only
    /// when none does, a manifest without a namespace matches (the sync tool applies it into its destination
    /// namespace, which Git does not record, and the live Rollout of this name is in <paramref name="ns"/>). Two
    /// matches with different templates are ambiguous: which one a sync applies depends on the tool, so neither is
    /// claimed.
    /// </summary>
    public static RolloutTemplateLookup Find(IReadOnlyList<RenderedRollout> rollouts, string ns, string name)
    {
        ArgumentNullException.ThrowIfNull(rollouts);
        var named = rollouts.Where(rollout => rollout.Name == name).ToList();
        var explicitNamespace = named.Where(rollout => rollout.Namespace == ns).ToList();
        var matches = explicitNamespace.Count > 0 ? explicitNamespace : named.Where(rollout => rollout.Namespace is null).ToList();
        var hashes = matches.Select(rollout => rollout.TemplateHash).Distinct(StringComparer.Ordinal).ToList();
        return hashes.Count switch
        {
            0 => NotFound,
            1 when hashes[0] is null => new(RolloutTemplateLookupKind.WithoutTemplate, null),
            1 => new(RolloutTemplateLookupKind.Found, hashes[0]),
            _ => new(RolloutTemplateLookupKind.Ambiguous, null),
        };
    }
}

public enum RolloutTemplateLookupKind
{
    /// <summary>No manifest of this Rollout.</summary>
    NotFound,

    /// <summary>Exactly one template (possibly in several identical manifests).</summary>
    Found,

    /// <summary>The Rollout's manifest has no <c>spec.template</c> object.</summary>
    WithoutTemplate,

    /// <summary>Several manifests of this Rollout with different templates.</summary>
    Ambiguous,
}
