using CanaryFlow.Core.Git;

namespace CanaryFlow.Controller.Git;

/// <summary>A decision taken on freshly fetched state, with the commit made for it when it makes one (not yet pushed).</summary>
internal sealed record PreparedRevert(RevertDecision Decision, string? Commit);
