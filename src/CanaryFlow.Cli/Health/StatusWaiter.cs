using System.Globalization;
using CanaryFlow.Cli.Cluster;
using CanaryFlow.Cli.Rendering;
using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Client;

namespace CanaryFlow.Cli.Health;

/// <summary>
/// Follows one Rollout (a field-selected watch, no polling) until it is Healthy or Degraded, printing a line
/// whenever where it stands changes.
/// </summary>
internal static class StatusWaiter
{
    /// <summary>The outcome and the Rollout as last seen; Pending when the deadline passed first.</summary>
    public static async Task<(RolloutOutcome Outcome, Rollout Rollout)> WaitAsync(ClusterSession session, string ns, string name, TimeSpan? timeout, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(progress);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } limit)
        {
            deadline.CancelAfter(limit);
        }

        var rollout = await session.Rollouts.GetAsync(ns, name, cancellationToken).ConfigureAwait(false);
        string? last = null;
        try
        {
            while (true)
            {
                var line = Describe(rollout);
                if (line != last)
                {
                    await progress.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
                    last = line;
                }

                var outcome = RolloutHealth.Judge(rollout);
                if (outcome != RolloutOutcome.Pending)
                {
                    return (outcome, rollout);
                }

                rollout = await NextAsync(session, ns, rollout, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (RolloutOutcome.Pending, rollout);
        }
    }

    /// <summary>The progress line: <c>Rollout ns/name: </c> and <see cref="Where"/>.</summary>
    public static string Describe(Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        return $"Rollout {rollout.Metadata.Namespace}/{rollout.Metadata.Name}: {Where(rollout)}";
    }

    /// <summary>Phase and why, step and weights, e.g. <c>Paused (CanaryPauseStep), step 1/4, weight 25 (set 25)</c>.</summary>
    public static string Where(Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var summary = RolloutSummary.Of(new RolloutTree(rollout, [], [], [], ""));
        var why = summary.PauseReasons.Count > 0 ? $" ({string.Join(", ", summary.PauseReasons)})"
            : !string.IsNullOrEmpty(summary.AbortReason) ? $" ({summary.AbortReason})"
            : !string.IsNullOrEmpty(summary.Message) ? $" ({summary.Message})"
            : "";
        return string.Create(CultureInfo.InvariantCulture, $"{summary.Phase}{why}, step {summary.Step}, weight {summary.ActualWeight} (set {summary.SetWeight})");
    }

    /// <summary>The Rollout after its next change (or as it is, when the watch ends without one).</summary>
    private static async Task<Rollout> NextAsync(ClusterSession session, string ns, Rollout rollout, CancellationToken cancellationToken)
    {
        var options = new WatchOptions
        {
            FieldSelector = "metadata.name=" + rollout.Metadata.Name,
            ResourceVersion = rollout.Metadata.ResourceVersion,
            Timeout = TimeSpan.FromMinutes(5),
        };
        try
        {
            await foreach (var change in session.Rollouts.WatchAsync(ns, options, cancellationToken).ConfigureAwait(false))
            {
                switch (change.Type)
                {
                    case ResourceEventType.Added or ResourceEventType.Modified:
                        return change.Object;
                    case ResourceEventType.Deleted:
                        throw new KubernetesApiException($"Rollout {ns}/{rollout.Metadata.Name} was deleted while waiting for it", 404, new CanaryFlow.Kubernetes.Models.Status { Kind = "Status", Reason = "NotFound", Code = 404, Message = $"rollouts.canaryflow.io \"{rollout.Metadata.Name}\" was deleted while waiting for it" });
                }
            }
        }
        catch (KubernetesApiException e) when (e.IsExpired)
        {
            // Watched from a version the server no longer has: read it afresh.
        }

        return await session.Rollouts.GetAsync(ns, rollout.Metadata.Name!, cancellationToken).ConfigureAwait(false);
    }
}
