using System.Globalization;
using System.Text.Json.Nodes;
using CanaryFlow.Core.Api;

namespace CanaryFlow.Core.Rollouts;

/// <summary>Which part of the Rollout a verb writes.</summary>
public enum VerbTarget
{
    Spec,
    Status,
}

/// <summary>
/// One write a verb makes: a merge patch (or, for undo, a JSON patch that replaces the whole template) on the Rollout
/// or its status subresource.
/// </summary>
public sealed record VerbPatch(VerbTarget Target, JsonNode Body, bool IsJsonPatch = false);

/// <summary>What a verb does: the patches to send (none: nothing to do) and what to tell the person.</summary>
public sealed record VerbResult(IReadOnlyList<VerbPatch> Patches, string Message);

/// <summary>
/// The user verbs of the semantics (§4) as patches: promote, promote --full, abort, retry, pause, resume, undo and
/// restart. Each is idempotent, so running a verb twice writes nothing the second time.
/// </summary>
public static class RolloutVerbs
{
    public static VerbResult Promote(Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var patches = new List<VerbPatch>();
        if (rollout.Spec?.Paused == true)
        {
            patches.Add(SpecPatch(new JsonObject { ["paused"] = null }));
        }

        if (rollout.Status?.PauseConditions is { Count: > 0 })
        {
            patches.Add(StatusPatch(new JsonObject { ["pauseConditions"] = null }));
        }

        return new VerbResult(patches, patches.Count == 0 ? $"{Name(rollout)} is not paused; nothing to promote" : $"{Name(rollout)} promoted");
    }

    public static VerbResult PromoteFull(Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        if (!UpdateInFlight(rollout))
        {
            return new VerbResult([], $"{Name(rollout)} has no update in flight; nothing to promote");
        }

        var patches = new List<VerbPatch>();
        if (rollout.Spec?.Paused == true)
        {
            patches.Add(SpecPatch(new JsonObject { ["paused"] = null }));
        }

        if (rollout.Status?.PromoteFull != true || rollout.Status.PauseConditions is { Count: > 0 })
        {
            patches.Add(StatusPatch(new JsonObject { ["promoteFull"] = true, ["pauseConditions"] = null }));
        }

        return new VerbResult(patches, $"{Name(rollout)} fully promoted: remaining steps and analysis skipped");
    }

    /// <summary>Aborting a Healthy rollout (no update in flight) is a no-op.</summary>
    public static VerbResult Abort(Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        if (!UpdateInFlight(rollout))
        {
            return new VerbResult([], $"{Name(rollout)} has no update in flight; nothing to abort");
        }

        return rollout.Status?.Abort == true
            ? new VerbResult([], $"{Name(rollout)} is already aborted")
            : new VerbResult([StatusPatch(new JsonObject { ["abort"] = true })], $"{Name(rollout)} aborted");
    }

    public static VerbResult Retry(Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        return rollout.Status?.Abort == true || rollout.Status?.AbortedAt is not null && UpdateInFlight(rollout)
            ? new VerbResult([StatusPatch(new JsonObject { ["abort"] = false })], $"{Name(rollout)} retrying from the first step")
            : new VerbResult([], $"{Name(rollout)} is not aborted; nothing to retry");
    }

    public static VerbResult Pause(Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        return rollout.Spec?.Paused == true
            ? new VerbResult([], $"{Name(rollout)} is already paused")
            : new VerbResult([SpecPatch(new JsonObject { ["paused"] = true })], $"{Name(rollout)} paused");
    }

    public static VerbResult Resume(Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        return rollout.Spec?.Paused == true
            ? new VerbResult([SpecPatch(new JsonObject { ["paused"] = null })], $"{Name(rollout)} resumed")
            : new VerbResult([], $"{Name(rollout)} is not paused");
    }

    public static VerbResult Restart(Rollout rollout, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var at = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return new VerbResult([SpecPatch(new JsonObject { ["restartAt"] = at })], $"{Name(rollout)} restarting pods created before {at}");
    }

    /// <summary>
    /// Writes the template of a ReplicaSet back into spec.template: <paramref name="toRevision"/>, or by default the
    /// newest revision older than the current template's. The controller then treats it like any template change
    /// (a fast rollback when it is the stable one). The JSON patch tests the resourceVersion it was computed from.
    /// </summary>
    /// <exception cref="ArgumentException">No such revision, or no older revision to go back to.</exception>
    public static VerbResult Undo(Rollout rollout, IReadOnlyList<ObservedReplicaSet> replicaSets, int? toRevision = null)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        ArgumentNullException.ThrowIfNull(replicaSets);
        var current = rollout.Status?.CurrentPodHash;
        var currentRevision = replicaSets.FirstOrDefault(r => r.Hash == current)?.Revision ?? int.MaxValue;
        var target = toRevision is { } wanted
            ? replicaSets.FirstOrDefault(r => r.Revision == wanted) ?? throw new ArgumentException($"{Name(rollout)} has no revision {wanted.ToString(CultureInfo.InvariantCulture)} (known: {string.Join(", ", replicaSets.Select(r => r.Revision).Order())})")
            : replicaSets.Where(r => r.Revision < currentRevision && r.Hash != current).MaxBy(r => r.Revision) ?? throw new ArgumentException($"{Name(rollout)} has no earlier revision to undo to");
        if (target.Template is null)
        {
            throw new ArgumentException($"ReplicaSet {target.Name} has no pod template");
        }

        if (target.Hash == current)
        {
            return new VerbResult([], $"{Name(rollout)} already runs revision {target.Revision.ToString(CultureInfo.InvariantCulture)}");
        }

        var template = (JsonObject)target.Template.DeepClone();
        if (template["metadata"] is JsonObject { } metadata && metadata["labels"] is JsonObject labels)
        {
            labels.Remove(RolloutApi.PodTemplateHashLabel);
        }

        // Typed as JsonNode: JsonArray's generic Add is not NativeAOT-safe, and the kubectl plugin is published with it.
        var operations = new JsonArray
        {
            (JsonNode)new JsonObject { ["op"] = "test", ["path"] = "/metadata/resourceVersion", ["value"] = rollout.Metadata.ResourceVersion },
            (JsonNode)new JsonObject { ["op"] = "replace", ["path"] = "/spec/template", ["value"] = template },
        };
        return new VerbResult([new VerbPatch(VerbTarget.Spec, operations, IsJsonPatch: true)], $"{Name(rollout)} rolled back to revision {target.Revision.ToString(CultureInfo.InvariantCulture)}");
    }

    private static bool UpdateInFlight(Rollout rollout) =>
        rollout.Status is { } status && status.CurrentPodHash is not null && status.CurrentPodHash != status.StableRs;

    private static VerbPatch SpecPatch(JsonObject spec) => new(VerbTarget.Spec, new JsonObject { ["spec"] = spec });

    private static VerbPatch StatusPatch(JsonObject status) => new(VerbTarget.Status, new JsonObject { ["status"] = status });

    private static string Name(Rollout rollout) => $"Rollout {rollout.Metadata.Namespace}/{rollout.Metadata.Name}";
}
