using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Cli.Cluster;

/// <summary>
/// Waits for the next change to anything in a Rollout's tree: one label- or field-selected watch per kind, so only
/// that Rollout's objects stream, whatever else the cluster holds.
/// </summary>
internal static class RolloutChanges
{
    /// <summary>Returns when something changed after the tree was read, or a watch ended (then re-read anyway).</summary>
    public static async Task WaitAsync(ClusterSession session, string ns, RolloutTree tree, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(tree);
        var name = tree.Rollout.Metadata.Name ?? "";
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var owned = RolloutTreeReader.OwnedSelector(name);
        var watches = new List<Task>
        {
            RolloutChangeAsync(session, ns, tree, stop.Token),
            NextAsync(session.ReplicaSets, ns, new WatchOptions { LabelSelector = owned, ResourceVersion = tree.ResourceVersion }, stop.Token),
            NextAsync(session.AnalysisRuns, ns, new WatchOptions { LabelSelector = owned, ResourceVersion = tree.ResourceVersion }, stop.Token),
        };
        if (RolloutTreeReader.PodSelector(tree.Rollout) is { } pods)
        {
            watches.Add(NextAsync(session.Pods, ns, new WatchOptions { LabelSelector = pods, ResourceVersion = tree.ResourceVersion }, stop.Token));
        }

        await Task.WhenAny(watches).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        foreach (var watch in watches)
        {
            try
            {
                await watch.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Stopped on purpose once one watch saw a change.
            }
            catch (KubernetesApiException e) when (e.IsExpired)
            {
                // Too old to watch from: the caller reads everything again, which is what a change would make it do.
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// The Rollout was read before the lists, so its watch starts at its own version (a change between the two reads is
    /// not missed); when the server no longer has that version (a Rollout unchanged for long), at the lists' version.
    /// </summary>
    private static async Task RolloutChangeAsync(ClusterSession session, string ns, RolloutTree tree, CancellationToken cancellationToken)
    {
        var options = new WatchOptions { FieldSelector = "metadata.name=" + tree.Rollout.Metadata.Name, ResourceVersion = tree.Rollout.Metadata.ResourceVersion };
        try
        {
            await NextAsync(session.Rollouts, ns, options, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsExpired)
        {
            await NextAsync(session.Rollouts, ns, options with { ResourceVersion = tree.ResourceVersion }, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task NextAsync<T>(ResourceClient<T> client, string ns, WatchOptions options, CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        await foreach (var change in client.WatchAsync(ns, options with { Timeout = TimeSpan.FromMinutes(5) }, cancellationToken).ConfigureAwait(false))
        {
            if (change.Type != ResourceEventType.Bookmark)
            {
                return;
            }
        }
    }
}
