using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.Cli.Cluster;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;
using CanaryFlow.Kubernetes.Client;

namespace CanaryFlow.Cli.Verbs;

/// <summary>
/// Runs a user verb: reads the Rollout, asks the verb for its patches (Core's <see cref="RolloutVerbs"/>, the same
/// code the semantics are tested with) and sends them. A verb computed from a Rollout that changed before the write
/// landed (a JSON patch whose test failed, a conflict) is computed again from a fresh read.
/// </summary>
internal static class VerbApplier
{
    private const int _attempts = 5;

    public static async Task<VerbOutcome> ApplyAsync(ClusterSession session, string name, Func<Rollout, CancellationToken, Task<VerbResult>> verb, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(verb);
        var ns = session.Namespace;
        for (var attempt = 1; ; attempt++)
        {
            var rollout = await session.Rollouts.GetAsync(ns, name, cancellationToken).ConfigureAwait(false);
            var result = await verb(rollout, cancellationToken).ConfigureAwait(false);
            try
            {
                foreach (var patch in result.Patches)
                {
                    rollout = await session.Rollouts.PatchAsync(ns, name, ToPatch(patch), patch.Target == VerbTarget.Status ? "status" : null, cancellationToken: cancellationToken).ConfigureAwait(false);
                }

                return new VerbOutcome(rollout, result.Message, Changed: result.Patches.Count > 0);
            }
            catch (KubernetesApiException e) when (attempt < _attempts && (e.IsConflict || (e.IsInvalid && result.Patches.Any(p => p.IsJsonPatch))))
            {
                // Someone (usually the controller writing status) changed the Rollout between the read and the write.
            }
        }
    }

    private static Patch ToPatch(VerbPatch patch) => patch.IsJsonPatch
        ? Patch.Json((JsonArray)patch.Body)
        : Patch.Merge(patch.Body);
}

/// <summary>What a verb left behind: the Rollout after it, the confirmation line, and whether anything was written.</summary>
internal sealed record VerbOutcome(Rollout Rollout, string Message, bool Changed)
{
    public JsonNode ToJson() => JsonSerializer.SerializeToNode(Rollout, CoreJsonContext.Default.Rollout)!;
}
