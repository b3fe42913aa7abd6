namespace CanaryFlow.Core.Replicas;

/// <summary>
/// A <c>setCanaryScale</c> step: the canary's size decoupled from its traffic weight, which only a traffic router
/// makes possible (without one the pod ratio is the traffic split).
/// </summary>
public abstract record CanaryScaleOverride
{
    private CanaryScaleOverride()
    {
    }

    /// <summary><c>setCanaryScale: {weight: N}</c>: as many canary pods as N% of <c>spec.replicas</c>, rounded up.</summary>
    public sealed record Weight(int Percent) : CanaryScaleOverride;

    /// <summary><c>setCanaryScale: {replicas: N}</c>: exactly N canary pods.</summary>
    public sealed record Replicas(int Count) : CanaryScaleOverride;

    /// <summary><c>setCanaryScale: {matchTrafficWeight: true}</c>: back to sizing the canary by its traffic weight.</summary>
    public sealed record MatchTrafficWeight : CanaryScaleOverride;
}
