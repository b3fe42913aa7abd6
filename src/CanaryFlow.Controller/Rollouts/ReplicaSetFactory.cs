using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Controller.Rollouts;

/// <summary>
/// The ReplicaSet of one template of a Rollout: named <c>&lt;rollout&gt;-&lt;hash&gt;</c>, its pods and selector carrying the
/// hash label, controlled by the Rollout, annotated with the revision. The template goes in as written (unknown
/// fields kept); only the hash label is added.
/// </summary>
public static class ReplicaSetFactory
{
    public static ReplicaSet Create(Rollout rollout, CreateReplicaSet create)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        ArgumentNullException.ThrowIfNull(create);
        var template = (JsonObject)create.Template.DeepClone();
        if (template["metadata"] is not JsonObject metadata)
        {
            metadata = [];
            template["metadata"] = metadata;
        }

        if (metadata["labels"] is not JsonObject podLabels)
        {
            podLabels = [];
            metadata["labels"] = podLabels;
        }

        podLabels[RolloutApi.PodTemplateHashLabel] = create.Hash;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in podLabels)
        {
            if (value?.GetValueKind() == JsonValueKind.String)
            {
                labels[key] = value.GetValue<string>();
            }
        }

        labels[RolloutApi.RolloutNameLabel] = rollout.Metadata.Name!;
        var selector = rollout.Spec?.Selector ?? new LabelSelector();
        var matchLabels = new Dictionary<string, string>(selector.MatchLabels ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [RolloutApi.PodTemplateHashLabel] = create.Hash,
        };
        return new ReplicaSet
        {
            Metadata = new ObjectMeta
            {
                Name = create.Name,
                Namespace = rollout.Metadata.Namespace,
                Labels = labels,
                Annotations = Annotations(create),
                OwnerReferences =
                [
                    new OwnerReference
                    {
                        ApiVersion = RolloutApi.ApiVersion,
                        Kind = "Rollout",
                        Name = rollout.Metadata.Name,
                        Uid = rollout.Metadata.Uid,
                        Controller = true,
                        BlockOwnerDeletion = true,
                    },
                ],
            },
            Spec = new ReplicaSetSpec
            {
                Replicas = create.Replicas,
                Selector = selector with { MatchLabels = matchLabels },
                Template = KubernetesSerializer.Deserialize<PodTemplateSpec>(template),
            },
        };
    }

    /// <summary>
    /// The revision, and the Rollout's template as it was hashed: the API server adds defaults to the ReplicaSet's
    /// copy, so undo needs this one to write back a template that hashes to this ReplicaSet again.
    /// </summary>
    private static Dictionary<string, string> Annotations(CreateReplicaSet create)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [RolloutApi.RevisionAnnotation] = create.Revision.ToString(CultureInfo.InvariantCulture),
        };
        if (RolloutTemplateAnnotation.Encode(create.Template) is { } written)
        {
            annotations[RolloutTemplateAnnotation.Key] = written;
        }

        return annotations;
    }
}
