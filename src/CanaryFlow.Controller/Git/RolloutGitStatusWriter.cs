using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.Controller.Caching;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Events;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Controller.Git;

/// <summary>
/// Writes what the Git work found into the Rollout's status (status.git, the GitRevertFailed condition) and tells people
/// through Events. Every write is computed from a fresh copy and conditional on its resourceVersion: the reconciles
/// write the same status (conditions replace the list), and what the Git work found may no longer apply to it.
/// </summary>
internal sealed class RolloutGitStatusWriter
{
    private const int _conflictAttempts = 5;
    private readonly ResourceClient<Rollout> _rollouts;
    private readonly IEventRecorder _events;
    private readonly RecentWrites<Rollout> _recent;
    private readonly TimeProvider _clock;

    public RolloutGitStatusWriter(ResourceClient<Rollout> rollouts, IEventRecorder events, RecentWrites<Rollout> recent, TimeProvider clock)
    {
        _rollouts = rollouts;
        _events = events;
        _recent = recent;
        _clock = clock;
    }

    /// <summary>
    /// Records the commit found for a template, if a fresh copy still wants it: the template is still the stable (or the
    /// canary) one and spec.git still names the source that was searched. A lookup that took long must not overwrite
    /// what a newer one recorded after a promotion, nor record a commit of a repository spec.git no longer names.
    /// </summary>
    public async Task<bool> RecordRevisionAsync(Rollout rollout, GitSpec searched, GitRevisionRole role, string hash, string commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(searched);
        return await UpdateAsync(rollout, fresh =>
        {
            var status = fresh.Status ?? new RolloutStatus();
            if (!GitSources.Same(fresh.Spec?.Git, searched) || !IsTemplateOf(status, role, hash))
            {
                return null;
            }

            var git = role == GitRevisionRole.Stable
                ? new JsonObject { ["stableRevision"] = commit, ["stableHash"] = hash }
                : new JsonObject { ["canaryRevision"] = commit, ["canaryHash"] = hash };
            return new JsonObject { ["git"] = git };
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The revert is done (pushed now, found from an earlier run, or not needed): record it, and, while that abort still
    /// stands, turn the condition False. A retry run meanwhile keeps the record (the commit exists) without the condition.
    /// </summary>
    public async Task RecordRevertAsync(Rollout rollout, string abortedHash, string? commit, string reason, string message, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        await UpdateAsync(rollout, fresh =>
        {
            var status = fresh.Status ?? new RolloutStatus();
            var change = new JsonObject
            {
                ["git"] = new JsonObject
                {
                    ["revertCommit"] = commit,
                    ["revertedHash"] = abortedHash,
                    ["revertedAt"] = commit is null ? null : now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                },
            };
            if (IsAbortOf(status, abortedHash))
            {
                change["conditions"] = WithGitCondition(status, false, reason, message, now);
            }

            return change;
        }, cancellationToken).ConfigureAwait(false);
        _events.Record(rollout, EventTypes.Normal, reason, "RevertInGit", message);
    }

    /// <summary>
    /// The revert could not be made; traffic stays where the abort put it. Recorded only while that abort stands: a
    /// failure reported after a retry or a new template would claim a problem that no longer exists.
    /// </summary>
    public async Task RecordRevertFailedAsync(Rollout rollout, string abortedHash, string reason, string message, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var changed = await UpdateAsync(rollout, fresh =>
        {
            var status = fresh.Status ?? new RolloutStatus();
            return IsAbortOf(status, abortedHash)
                ? new JsonObject { ["conditions"] = WithGitCondition(status, true, reason, message, now) }
                : null;
        }, cancellationToken).ConfigureAwait(false);
        if (changed)
        {
            _events.Record(rollout, EventTypes.Warning, RolloutConditions.GitRevertFailed, "RevertInGit", message);
        }
    }

    private static bool IsTemplateOf(RolloutStatus status, GitRevisionRole role, string hash) => role == GitRevisionRole.Stable
        ? status.StableRs == hash
        : status.CurrentPodHash == hash && status.StableRs != hash;

    private static bool IsAbortOf(RolloutStatus status, string abortedHash) => status.Abort == true && status.CurrentPodHash == abortedHash;

    /// <summary>
    /// Applies a status change computed from a fresh copy, conditional on its version; false when nothing changed or the
    /// change is no longer wanted (null).
    /// </summary>
    private async Task<bool> UpdateAsync(Rollout rollout, Func<Rollout, JsonObject?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var fresh = await _rollouts.TryGetAsync(rollout.Metadata.Namespace, rollout.Metadata.Name!, cancellationToken).ConfigureAwait(false);
            if (fresh is null || change(fresh) is not { } status || Unchanged(fresh.Status, status))
            {
                return false;
            }

            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject { ["resourceVersion"] = fresh.Metadata.ResourceVersion },
                ["status"] = status,
            };
            try
            {
                var written = await _rollouts.PatchAsync(fresh.Metadata.Namespace, fresh.Metadata.Name!, Patch.Merge(patch), "status", cancellationToken: cancellationToken).ConfigureAwait(false);
                _recent.Remember(written);
                return true;
            }
            catch (KubernetesApiException e) when (e.IsConflict && attempt < _conflictAttempts)
            {
                // A reconcile wrote the status in between: compute the change again from its copy.
            }
        }
    }

    private static bool Unchanged(RolloutStatus? old, JsonObject change)
    {
        var current = JsonSerializer.SerializeToNode(old ?? new RolloutStatus(), CoreJsonContext.Default.RolloutStatus)?.AsObject() ?? [];
        return change.All(p => p.Key == "git"
            ? p.Value!.AsObject().All(g => JsonNode.DeepEquals(current["git"]?[g.Key], g.Value))
            : JsonNode.DeepEquals(current[p.Key], p.Value));
    }

    private static JsonArray WithGitCondition(RolloutStatus status, bool failed, string reason, string message, DateTimeOffset now)
    {
        var statusText = failed ? "True" : "False";
        var previous = status.Conditions?.FirstOrDefault(c => c.Type == RolloutConditions.GitRevertFailed);
        var condition = new Condition
        {
            Type = RolloutConditions.GitRevertFailed,
            Status = statusText,
            Reason = reason,
            Message = message,
            ObservedGeneration = previous?.ObservedGeneration,
            LastTransitionTime = previous is not null && previous.Status == statusText ? previous.LastTransitionTime ?? now : now,
        };
        var conditions = (status.Conditions ?? []).Where(c => c.Type != RolloutConditions.GitRevertFailed).Append(condition).ToList();
        var array = new JsonArray();
        foreach (var c in conditions)
        {
            array.Add(KubernetesSerializer.SerializeToNode(c));
        }

        return array;
    }
}
