using System.Diagnostics;
using System.Globalization;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Tests.Shared;

namespace CanaryFlow.Benchmarks.ControllerFleet;

/// <summary>
/// The Rollout controller, in a process of its own, against a fleet on LocalCluster (in another process): the fleet
/// is created, the controller started and waited on until every Rollout is Healthy; an idle resync is measured; then
/// the template of the progressing Rollouts is changed at once and measured until all of them complete; then
/// another idle resync. Prints memory, reconcile latency and API writes of each phase.
/// </summary>
internal static class ControllerFleetBenchmark
{
    private static readonly TimeSpan _quiet = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(LocalClusterProcess cluster, KubernetesClient client, FleetOptions options, CancellationToken cancellationToken)
    {
        Console.WriteLine($"fleet: {options.Healthy} Healthy + {options.Progressing} progressing Rollouts, {options.PerNamespace} per namespace, steps {RolloutFleet.Steps}, pods Ready after {options.PodReadySeconds} s");
        // Every CanaryFlow CRD: the controller waits for its analysis informers too before it leads.
        await Kubectl.RunAsync(cluster, "apply", "-k", RepositoryRoot.File("crds"));
        await Kubectl.RunAsync(cluster, "wait", "--for=condition=Established", "crd", "--all", "--timeout=30s");
        var fleet = new RolloutFleet(client, options);
        await fleet.CreateAsync(cancellationToken);

        await using var controller = await ControllerUnderTest.StartAsync(cluster.Kubeconfig, options);
        try
        {
            await MeasureAsync(cluster, fleet, controller, options, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || cancellationToken.IsCancellationRequested)
        {
            Console.Error.WriteLine("controller log (last lines):\n" + controller.RecentOutput());
            Console.Error.WriteLine("LocalCluster log (last lines):\n" + cluster.RecentOutput);
            throw;
        }
    }

    private static async Task MeasureAsync(LocalClusterProcess cluster, RolloutFleet fleet, ControllerUnderTest controller, FleetOptions options, CancellationToken cancellationToken)
    {
        // Cold start: every Rollout is new to the controller (first ReplicaSet, Services, status).
        var started = Stopwatch.StartNew();
        var start = await controller.ScrapeAsync(cancellationToken);
        var coldLog = controller.LogMark();
        await controller.WaitUntilAsync(s => s.Phase("Healthy") >= options.Total, "every Rollout to be Healthy", cancellationToken);
        var allHealthy = started.Elapsed;
        var steady = await controller.WaitForQuietAsync(_quiet, cancellationToken);
        var cold = WriteDelta.Between(start, steady);
        var steadyMemory = controller.Memory();
        Line($"cold start: all {options.Total} Healthy {allHealthy.TotalSeconds:0.0} s after the controller started; controller CPU {controller.CpuTime().TotalSeconds:0.0} s so far");
        Line($"  writes: {cold}; {cold.Total / options.Total:0.00} per Rollout, {cold.WithoutEvents / options.Total:0.00} without Events");
        Line($"  per Rollout: {controller.ActionsSince(coldLog).PerRollout(cold, options.Total)}");
        Line($"  reconciles: {cold.Reconciles.Count:0}; p50 {cold.Reconciles.Describe(0.5)}, p99 {cold.Reconciles.Describe(0.99)}, mean {cold.Reconciles.Mean * 1000:0.###} ms");
        Line($"steady (fleet Healthy, idle): controller VmRSS {steadyMemory.RssMiB:0} MiB, VmHWM {steadyMemory.PeakRssMiB:0} MiB; LocalCluster VmRSS {ProcessMemory.Read(cluster.ProcessId).RssMiB:0} MiB");

        var idleBefore = await IdleResync.MeasureAsync(controller, options.Total, cancellationToken);
        Report("idle resync of the Healthy fleet", idleBefore);

        // The update, right after a resync, so the next one (a resync period later) does not fall into it.
        var progressing = await fleet.ListProgressingAsync(cancellationToken);
        var tracker = new CompletionTracker(fleet, progressing);
        var peakReset = ProcessMemory.TryResetPeak(controller.ProcessId);
        var cpuBefore = controller.CpuTime();
        var before = await controller.ScrapeAsync(cancellationToken);
        var updateLog = controller.LogMark();
        WriteDelta update;
        TimeSpan allDone;
        long sampledPeak;
        await using (var sampler = new MemorySampler(controller.ProcessId, cancellationToken))
        {
            var sinceUpdate = Stopwatch.StartNew();
            var written = await fleet.UpdateProgressingAsync(progressing, cancellationToken);
            Line($"update: changed the template of {progressing.Count} Rollouts in {written.TotalSeconds:0.0} s");
            allDone = await tracker.WaitAsync(sinceUpdate, cancellationToken);
            var after = await controller.WaitForQuietAsync(_quiet, cancellationToken);
            update = WriteDelta.Between(before, after);
            sampledPeak = sampler.HighestRssBytes;
        }

        var updateMemory = controller.Memory();
        Line($"  all {progressing.Count} completed {allDone.TotalSeconds:0.0} s after the first template change (per Rollout: p50 {tracker.Quantile(0.5).TotalSeconds:0} s, p99 {tracker.Quantile(0.99).TotalSeconds:0} s; the steps hold a 10 s pause); controller CPU {(controller.CpuTime() - cpuBefore).TotalSeconds:0.0} s");
        Line($"  writes: {update}; per completed Rollout {update.Total / progressing.Count:0.00}, without Events {update.WithoutEvents / progressing.Count:0.00}, Event writes {update.EventWrites / progressing.Count:0.00}");
        Line($"  per completed Rollout: {controller.ActionsSince(updateLog).PerRollout(update, progressing.Count)}");
        Line($"  reconciles: {update.Reconciles.Count:0} ({update.Reconciles.Count / progressing.Count:0.0} per Rollout); p50 {update.Reconciles.Describe(0.5)}, p99 {update.Reconciles.Describe(0.99)}, mean {update.Reconciles.Mean * 1000:0.###} ms");
        Line($"  controller peak during the update: VmHWM {(peakReset ? $"{updateMemory.PeakRssMiB:0} MiB (reset when the update began)" : $"{updateMemory.PeakRssMiB:0} MiB (since start: clear_refs not allowed)")}, highest VmRSS sampled every 0.5 s {sampledPeak / 1024.0 / 1024.0:0} MiB; VmRSS after {updateMemory.RssMiB:0} MiB");
        // The resync timer ticks every 5 s, and the resync was seen up to a scrape (1 s) after it ended.
        var sinceResync = Stopwatch.GetElapsedTime(idleBefore.SeenAt);
        if (sinceResync < options.ResyncInterval - TimeSpan.FromSeconds(10))
        {
            Line($"  no periodic resync in the update window: it ended {sinceResync.TotalSeconds:0} s after the last resync (period {options.ResyncPeriod})");
        }
        else
        {
            Line($"  note: the update window ended {sinceResync.TotalSeconds:0} s after the last resync (period {options.ResyncPeriod}): a resync may have fallen into it");
        }

        var idleAfter = await IdleResync.MeasureAsync(controller, options.Total, cancellationToken);
        Report("idle resync after the update", idleAfter);

        var all = await fleet.ListAllAsync(cancellationToken);
        var healthy = all.Count(r => r.Status?.Phase == "Healthy" && r.Status.StableRs == r.Status.CurrentPodHash);
        var end = controller.Memory();
        Line($"end: {healthy} of {all.Count} Rollouts Healthy on their current template; controller VmRSS {end.RssMiB:0} MiB, VmHWM {end.PeakRssMiB:0} MiB, CPU {controller.CpuTime().TotalSeconds:0.0} s in all; LocalCluster VmRSS {ProcessMemory.Read(cluster.ProcessId).RssMiB:0} MiB");
        if (healthy != all.Count)
        {
            throw new InvalidOperationException($"{all.Count - healthy} Rollouts are not Healthy on their current template at the end");
        }
    }

    private static void Report(string what, IdleResync resync)
    {
        var delta = resync.Delta;
        Line($"{what}: {delta.Reconciles.Count:0} reconciles (waited {resync.Waited.TotalSeconds:0} s for the resync), writes {delta}");
        Line($"  reconciles: p50 {delta.Reconciles.Describe(0.5)}, p99 {delta.Reconciles.Describe(0.99)}, mean {delta.Reconciles.Mean * 1000:0.###} ms");
    }

    private static void Line(FormattableString text) => Console.WriteLine(text.ToString(CultureInfo.InvariantCulture));
}
