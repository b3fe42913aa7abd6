namespace CanaryFlow.Core.Git;

/// <summary>What <c>spec.git.revert</c> asks for on abort.</summary>
public enum GitRevertMode
{
    /// <summary>Push the revert commit to the branch (the default).</summary>
    Commit,

    /// <summary>Push the revert commit to a review branch <c>canaryflow/revert/&lt;ns&gt;-&lt;name&gt;-&lt;hash&gt;</c>.</summary>
    Branch,

    /// <summary>No revert; traffic still goes back to stable.</summary>
    None,
}

/// <summary>Reads <c>spec.git.revert</c>; the CRD's enum rejects anything else before the controller sees it.</summary>
public static class GitRevertModes
{
    public static GitRevertMode Parse(string? value) => value switch
    {
        null or "" or "commit" => GitRevertMode.Commit,
        "branch" => GitRevertMode.Branch,
        "none" => GitRevertMode.None,
        _ => throw new ArgumentException($"spec.git.revert must be commit, branch or none, not '{value}'", nameof(value)),
    };
}
