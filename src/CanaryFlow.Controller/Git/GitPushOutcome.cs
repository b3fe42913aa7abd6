namespace CanaryFlow.Controller.Git;

/// <summary>How a push ended when git itself worked; every other failure is a <see cref="GitCommandException"/>.</summary>
internal enum GitPushOutcome
{
    /// <summary>The remote ref now points at the commit (or already did).</summary>
    Pushed,

    /// <summary>Someone else moved the ref: refetch, re-check and retry; never force.</summary>
    RejectedNotFastForward,
}
