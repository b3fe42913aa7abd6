using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Labels;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Serialization;
using LabelSelector = CanaryFlow.Kubernetes.Labels.LabelSelector;

namespace CanaryFlow.Cli.Cluster;

/// <summary>
/// Reads one Rollout's tree with label-selected lists only, so the cost depends on the size of that Rollout, never
/// on the size of the cluster: ReplicaSets and AnalysisRuns by the rollout-name label, pods by the Rollout's own
/// selector plus the template-hash label. Two round trips: the Rollout, then the three lists at once.
/// </summary>
internal static class RolloutTreeReader
{
    public static async Task<RolloutTree> ReadAsync(ClusterSession session, string ns, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        // The Rollout first, alone: its request opens the one HTTP/2 connection the three lists then share. Sent
        // together from the start, each would open a connection of its own and pay its own TLS handshake.
        // Meanwhile the other kinds' decoders are set up on the second core: that costs about as much as the request.
        var decoders = Task.Run(() => (session.ReplicaSets, session.AnalysisRuns, session.Pods), cancellationToken);
        var rollout = await session.Rollouts.GetAsync(ns, name, cancellationToken).ConfigureAwait(false);
        await decoders.ConfigureAwait(false);
        var owned = new ListOptions { LabelSelector = OwnedSelector(name) };
        var replicaSetsTask = session.ReplicaSets.ListAsync(ns, owned, cancellationToken);
        var runsTask = session.AnalysisRuns.ListAsync(ns, owned, cancellationToken);
        var podsTask = PodSelector(rollout) is { } selector
            ? session.Pods.ListAsync(ns, new ListOptions { LabelSelector = selector }, cancellationToken)
            : Task.FromResult(new KubernetesList<Pod>());
        await Task.WhenAll(replicaSetsTask, runsTask, podsTask).ConfigureAwait(false);

        var replicaSetList = await replicaSetsTask.ConfigureAwait(false);
        var replicaSets = Owned(replicaSetList.Items, rollout);
        var hashes = replicaSets.Select(rs => rs.Metadata.Labels?.GetValueOrDefault(RolloutApi.PodTemplateHashLabel)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var pods = (await podsTask.ConfigureAwait(false)).Items
            .Where(p => p.Metadata.Labels?.GetValueOrDefault(RolloutApi.PodTemplateHashLabel) is { } hash && hashes.Contains(hash))
            .ToList();
        var runs = Owned((await runsTask.ConfigureAwait(false)).Items, rollout);
        return new RolloutTree(rollout, replicaSets, pods, runs, replicaSetList.Metadata.ResourceVersion ?? "");
    }

    /// <summary>The selector of the ReplicaSets and AnalysisRuns the controller made for the Rollout.</summary>
    public static string OwnedSelector(string name) => $"{RolloutApi.RolloutNameLabel}={name}";

    /// <summary>The Rollout's pod selector, narrowed to pods that carry a template hash (those of its ReplicaSets).</summary>
    public static string? PodSelector(Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        if (rollout.Spec?.Selector is not { } selector)
        {
            return null;
        }

        LabelSelector parsed;
        try
        {
            parsed = LabelSelector.FromLabelSelectorObject(KubernetesSerializer.SerializeToNode(selector).AsObject());
        }
        catch (LabelSelectorParseException)
        {
            // An invalid selector (the Rollout is InvalidSpec): it owns no pods to show.
            return null;
        }

        return parsed.IsEverything ? null : $"{parsed},{RolloutApi.PodTemplateHashLabel}";
    }

    /// <summary>Only what this Rollout controls: a label can be copied, an owner uid cannot.</summary>
    private static List<T> Owned<T>(IEnumerable<T> items, Rollout rollout)
        where T : KubernetesObject =>
        [.. items.Where(i => i.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == rollout.Metadata.Uid) == true)];
}
