using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Demo;

/// <summary>
/// The story the README promises: v1 goes live; v2 is committed and goes through its canary steps and analysis to
/// promotion; v3 is committed, fails its analysis and is aborted with traffic back on v2; CanaryFlow pushes the revert
/// commit; the sync loop applies it; the Rollout is Healthy on v2 with Git saying so. Each stage waits for what the
/// controller does (never for a fixed time) and reports clearly when it does not come.
/// </summary>
public sealed class DemoRunner(DemoOptions options, TextWriter output, ILoggerFactory loggerFactory)
{
    private readonly StoryWriter _story = new(output);
    private readonly List<DemoStage> _stages = [];
    private DemoEnvironment? _environment;

    public async Task<DemoReport> RunAsync(CancellationToken cancellationToken)
    {
        var timings = options.Timings;
        var assets = DemoAssets.Locate();
        _story.Stage("Setting up: LocalCluster, CRDs, config repo, storefront, controller, sync loop");
        var environment = await DemoEnvironment.StartAsync(options, assets, _story, loggerFactory, cancellationToken).ConfigureAwait(false);
        _environment = environment;
        var keepFiles = false;
        try
        {
            var watcher = new RolloutWatcher(environment.Client, DemoEnvironment.Namespace, DemoEnvironment.RolloutName, _story, environment.Traffic, timings);
            var report = await TellAsync(environment, watcher, cancellationToken).ConfigureAwait(false);
            Summarize(report, environment);
            if (options.Keep)
            {
                await KeepRunningAsync(environment, cancellationToken).ConfigureAwait(false);
            }
            else if (!report.Succeeded && options.KeepFilesOnFailure)
            {
                // The files (controller log, config repo) are what a person needs to see why.
                keepFiles = true;
                _story.Line($"Kept {environment.Directory.FullName} (controller.log, the config repo) to look into");
            }

            return report;
        }
        finally
        {
            await environment.DisposeAsync(keepFiles).ConfigureAwait(false);
        }
    }

    private async Task<DemoReport> TellAsync(DemoEnvironment environment, RolloutWatcher watcher, CancellationToken cancellationToken)
    {
        var timings = options.Timings;
        var report = new DemoReport { Stages = _stages, Duration = TimeSpan.Zero, MetricsSource = environment.Prometheus is null ? "web" : "prometheus" };

        _story.Stage("1. v1 goes live");
        var v1 = await watcher.WaitForAsync(r => r.IsHealthy && r.Version == "v1", timings.StageTimeout, cancellationToken).ConfigureAwait(false);
        if (!Record("v1 Healthy", v1 is not null, v1 is null ? "v1 did not become Healthy" : $"Healthy on v1, ReplicaSet hash {v1.StableHash}"))
        {
            return Finish(report, watcher);
        }

        environment.Traffic.Start();
        _story.Line($"Shoppers send {timings.RequestsPerSecond} requests/s to the storefront at {environment.Proxy.BaseAddress} (a proxy that follows the HTTPRoute's weights)");

        report = report with { V1Hash = v1!.StableHash };
        await BreatheAsync(cancellationToken).ConfigureAwait(false);

        _story.Stage("2. v2 is committed: canary steps, analysis, promotion");
        var v2Commit = await environment.Repo.ReleaseAsync(DemoOverlay.Path, "v2", cancellationToken).ConfigureAwait(false);
        _story.Line($"CI committed {v2Commit[..7]} \"storefront: release v2\" (one line: newTag: v2)");
        watcher.ResetWeights();
        var v2 = await watcher.WaitForAsync(r => r.IsHealthy && r.Version == "v2", timings.StageTimeout, cancellationToken).ConfigureAwait(false);
        report = report with { V2Weights = [.. watcher.WeightsSeen], V2Hash = v2?.StableHash, V2Commit = v2Commit };
        if (!Record("v2 promoted", v2 is not null && v2.StableHash != report.V1Hash, v2 is null ? $"v2 was not promoted; last seen: {watcher.Latest?.Headline} {watcher.Latest?.Message}" : $"promoted after canary weights {string.Join(" -> ", report.V2Weights)}%"))
        {
            return Finish(report, watcher);
        }

        await BreatheAsync(cancellationToken).ConfigureAwait(false);

        _story.Stage("3. v3 is committed: its analysis fails, CanaryFlow aborts");
        var v3Commit = await environment.Repo.ReleaseAsync(DemoOverlay.Path, "v3", cancellationToken).ConfigureAwait(false);
        report = report with { V3Commit = v3Commit };
        _story.Line($"CI committed {v3Commit[..7]} \"storefront: release v3\" (v3 answers {DemoRelease.BuggyErrorShare * 100:0}% of requests with 503)");
        var aborted = await watcher.WaitForAsync(r => r.Version == "v3" && r.Phase == "Degraded" && r.Aborted, timings.StageTimeout, cancellationToken).ConfigureAwait(false);
        report = report with { V3Hash = aborted?.CurrentHash, AbortReason = aborted?.AbortReason };
        if (!Record("v3 aborted", aborted is not null, aborted is null ? $"v3 was not aborted; last seen: {watcher.Latest?.Headline} {watcher.Latest?.Message}" : $"aborted: {aborted.AbortReason}"))
        {
            return Finish(report, watcher);
        }

        // The proof that matters to shoppers: requests answered after the abort come from v2 only.
        var onStable = await WaitForTrafficOnAsync(environment.Traffic, "v2", cancellationToken).ConfigureAwait(false);
        report = report with { TrafficAfterAbort = onStable };
        if (!Record("traffic on stable", onStable.ShareOf("v2") == 1, $"requests of the last 2s: {onStable}"))
        {
            return Finish(report, watcher);
        }

        await BreatheAsync(cancellationToken).ConfigureAwait(false);

        _story.Stage("4. CanaryFlow reverts v3 in Git; the sync loop applies the revert");
        _story.Line($"Waiting up to {timings.RevertTimeout.TotalSeconds:0}s for the revert commit (status.git.revertCommit, or a commit on {ConfigRepo.Branch} with the trailer {ConfigRepo.RevertTrailer})");
        var revert = await WaitForRevertAsync(environment, watcher, v3Commit, cancellationToken).ConfigureAwait(false);
        if (!Record("revert pushed", revert is not null, revert is null
            ? $"no revert commit within {timings.RevertTimeout.TotalSeconds:0}s ({watcher.Latest?.GitRevertProblem ?? "the controller reported no Git revert and no GitRevertFailed condition"}): traffic stays on v2, but Git still says v3"
            : $"revert commit {revert[..7]}"))
        {
            return Finish(report, watcher);
        }

        var stat = await environment.Repo.ShowStatAsync(revert!, cancellationToken).ConfigureAwait(false);
        var kustomization = await environment.Repo.ShowFileAsync(revert!, DemoOverlay.Path + "/kustomization.yaml", cancellationToken).ConfigureAwait(false);
        report = report with { RevertCommit = revert, RevertStat = stat, RevertedKustomization = kustomization };
        _story.Line("git show --stat " + revert![..7] + ":");
        _story.Block(stat);

        var resynced = await WaitForSyncOfAsync(environment, revert, cancellationToken).ConfigureAwait(false);
        var healthy = resynced ? await watcher.WaitForAsync(r => r.IsHealthy && r.Version == "v2" && r.StableHash == report.V2Hash, timings.StageTimeout, cancellationToken).ConfigureAwait(false) : null;
        Record("re-synced, Healthy on v2", healthy is not null, !resynced ? "the sync loop did not apply the revert commit" : healthy is null ? "the Rollout did not settle Healthy on v2 after the revert was applied" : "Git and the cluster agree: v2");
        return Finish(report, watcher);
    }

    private DemoReport Finish(DemoReport report, RolloutWatcher watcher) =>
        report with { Stages = [.. _stages], Duration = _story.Elapsed, AnalysisRuns = new Dictionary<string, string>(watcher.RunPhases, StringComparer.Ordinal), Final = watcher.Latest };

    private bool Record(string name, bool succeeded, string detail)
    {
        if (!succeeded && _environment?.Controller.HasExited == true)
        {
            detail += $" (the controller process exited: see {_environment.Controller.LogPath})";
        }

        _stages.Add(new DemoStage(name, succeeded, detail));
        _story.Line((succeeded ? "OK   " : "FAIL ") + name + ": " + detail);
        return succeeded;
    }

    private async Task<TrafficSnapshot> WaitForTrafficOnAsync(TrafficGenerator traffic, string version, CancellationToken cancellationToken)
    {
        var window = TimeSpan.FromSeconds(2);

        // Requests already in flight at the abort may still be answered by the canary: look at a window after it.
        await Task.Delay(window, cancellationToken).ConfigureAwait(false);
        var deadline = _story.Elapsed + TimeSpan.FromSeconds(10);
        var snapshot = traffic.Snapshot(window);
        while (snapshot.ShareOf(version) < 1 && _story.Elapsed < deadline)
        {
            await Task.Delay(options.Timings.StatusPollInterval, cancellationToken).ConfigureAwait(false);
            snapshot = traffic.Snapshot(window);
        }

        return snapshot;
    }

    private async Task<string?> WaitForRevertAsync(DemoEnvironment environment, RolloutWatcher watcher, string since, CancellationToken cancellationToken)
    {
        var deadline = _story.Elapsed + options.Timings.RevertTimeout;
        while (_story.Elapsed < deadline)
        {
            await watcher.WaitForAsync(_ => true, options.Timings.StageTimeout, cancellationToken).ConfigureAwait(false);
            if (watcher.Latest?.RevertCommit is { Length: > 0 } fromStatus)
            {
                return fromStatus;
            }

            if (await environment.Repo.FindRevertAsync(since, cancellationToken).ConfigureAwait(false) is { } fromGit)
            {
                return fromGit;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    private async Task<bool> WaitForSyncOfAsync(DemoEnvironment environment, string commit, CancellationToken cancellationToken)
    {
        var deadline = _story.Elapsed + options.Timings.StageTimeout;
        while (_story.Elapsed < deadline)
        {
            lock (environment.Synced)
            {
                if (environment.Synced.Any(s => s.Commit == commit))
                {
                    return true;
                }
            }

            await Task.Delay(options.Timings.StatusPollInterval, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    private Task BreatheAsync(CancellationToken cancellationToken) => Task.Delay(options.Timings.PauseBetweenStages, cancellationToken);

    private void Summarize(DemoReport report, DemoEnvironment environment)
    {
        _story.Stage(report.Succeeded ? "The story is complete" : "The story is incomplete");
        foreach (var stage in report.Stages)
        {
            _story.Line((stage.Succeeded ? "OK   " : "FAIL ") + stage.Name + ": " + stage.Detail);
        }

        _story.Line($"Analysis read {report.MetricsSource}; {environment.Synced.Count} commits synced; took {report.Duration.TotalSeconds:0}s");
    }

    private async Task KeepRunningAsync(DemoEnvironment environment, CancellationToken cancellationToken)
    {
        _story.Stage("Everything keeps running (--keep); Ctrl+C stops it");
        _story.Block($"""
            export KUBECONFIG={environment.Kubeconfig}
            kubectl get cfro -n {DemoEnvironment.Namespace} -w
            kubectl canaryflow get rollout {DemoEnvironment.RolloutName} -n {DemoEnvironment.Namespace}
            kubectl get httproute,svc,rs,analysisrun -n {DemoEnvironment.Namespace}
            curl -i {environment.Proxy.BaseAddress}
            git -C {environment.Repo.CloneDirectory} log --oneline origin/{ConfigRepo.Branch}
            controller log: {environment.Controller.LogPath}
            {(environment.Prometheus is { } prometheus ? "Prometheus: " + prometheus.Address : "")}
            """);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _story.Line("Stopping");
        }
    }
}
