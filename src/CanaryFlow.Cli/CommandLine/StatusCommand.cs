using System.CommandLine;
using System.Text.Json;
using CanaryFlow.Cli.Cluster;
using CanaryFlow.Cli.Errors;
using CanaryFlow.Cli.Health;
using CanaryFlow.Cli.Output;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Durations;

namespace CanaryFlow.Cli.CommandLine;

/// <summary><c>status NAME [--timeout D]</c>: a CI gate. Exit 0 Healthy, 1 Degraded (or an error), 2 timed out.</summary>
internal static class StatusCommand
{
    public const int Degraded = 1;
    public const int TimedOut = 2;

    public static Command Create(GlobalOptions global)
    {
        var name = new Argument<string>("NAME") { Description = "The Rollout" };
        var timeout = new Option<string>("--timeout") { Description = "Give up after this long (30s, 5m, 1h); 0 waits without limit", DefaultValueFactory = _ => "0" };
        var command = new Command("status", "Wait until a Rollout is Healthy (exit 0) or Degraded (exit 1), or the timeout passes (exit 2)") { name, timeout };
        CommandRun.SetAction(command, async (parse, cancellationToken) =>
        {
            var format = global.Format(parse);
            var limit = Timeout(parse.GetValue(timeout)!);
            using var session = ClusterSession.Open(global.Target(parse));
            var rolloutName = parse.GetValue(name)!;
            var progress = format == OutputFormat.Human ? Console.Out : TextWriter.Null;
            var (outcome, rollout) = await StatusWaiter.WaitAsync(session, session.Namespace, rolloutName, limit, progress, cancellationToken).ConfigureAwait(false);
            if (format != OutputFormat.Human)
            {
                await ObjectPrinter.WriteAsync(Console.Out, JsonSerializer.SerializeToNode(rollout, CoreJsonContext.Default.Rollout)!, format, cancellationToken).ConfigureAwait(false);
            }

            switch (outcome)
            {
                case RolloutOutcome.Healthy:
                    return 0;
                case RolloutOutcome.Degraded:
                    await Console.Error.WriteLineAsync($"error: Rollout {session.Namespace}/{rolloutName} is Degraded: {rollout.Status?.AbortReason ?? rollout.Status?.Message ?? "see get rollout"}").ConfigureAwait(false);
                    return Degraded;
                default:
                    await Console.Error.WriteLineAsync($"error: timed out after {parse.GetValue(timeout)} waiting for Rollout {session.Namespace}/{rolloutName} to be Healthy: {StatusWaiter.Where(rollout)}").ConfigureAwait(false);
                    return TimedOut;
            }
        });
        return command;
    }

    private static TimeSpan? Timeout(string text)
    {
        if (text == "0")
        {
            return null;
        }

        return KubernetesDuration.TryParse(text, out var value, out var error) && value > TimeSpan.Zero
            ? value
            : throw new UsageException($"invalid --timeout \"{text}\": {error ?? "must be positive"}");
    }
}
