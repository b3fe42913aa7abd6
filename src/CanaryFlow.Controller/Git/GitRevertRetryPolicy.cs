namespace CanaryFlow.Controller.Git;

/// <summary>How often a push rejected as not a fast-forward is refetched, re-checked and retried, and the back-off between tries.</summary>
internal sealed record GitRevertRetryPolicy(int MaxAttempts, TimeSpan InitialBackoff, TimeSpan MaxBackoff)
{
    public static GitRevertRetryPolicy Default { get; } = new(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));

    public TimeSpan BackoffAfter(int attempt)
    {
        var doubled = InitialBackoff.Ticks * Math.Pow(2, attempt - 1);
        return TimeSpan.FromTicks((long)Math.Min(doubled, MaxBackoff.Ticks));
    }
}
