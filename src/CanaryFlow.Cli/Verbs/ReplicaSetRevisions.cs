using System.Globalization;
using CanaryFlow.Cli.Cluster;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Cli.Verbs;

/// <summary>The revisions <c>undo</c> can go back to: the Rollout's ReplicaSets with their revision number and template.</summary>
internal static class ReplicaSetRevisions
{
    public static async Task<IReadOnlyList<ObservedReplicaSet>> ReadAsync(ClusterSession session, Rollout rollout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(rollout);
        var list = await session.ReplicaSets.ListAsync(
            rollout.Metadata.Namespace,
            new ListOptions { LabelSelector = RolloutTreeReader.OwnedSelector(rollout.Metadata.Name ?? "") },
            cancellationToken).ConfigureAwait(false);
        return [.. list.Items
            .Where(rs => rs.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == rollout.Metadata.Uid) == true)
            .Select(Observe)
            .OfType<ObservedReplicaSet>()];
    }

    private static ObservedReplicaSet? Observe(ReplicaSet rs)
    {
        if (rs.Metadata.Labels?.GetValueOrDefault(RolloutApi.PodTemplateHashLabel) is not { } hash || rs.Metadata.Name is null)
        {
            return null;
        }

        return new ObservedReplicaSet
        {
            Name = rs.Metadata.Name,
            Hash = hash,
            Revision = int.TryParse(rs.Metadata.Annotations?.GetValueOrDefault(RolloutApi.RevisionAnnotation), NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : 0,
            Replicas = rs.Spec?.Replicas ?? 0,
            Template = rs.Spec?.Template is { } template ? KubernetesSerializer.SerializeToNode(template).AsObject() : null,
        };
    }
}
