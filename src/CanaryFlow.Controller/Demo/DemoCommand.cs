using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Demo;

/// <summary><c>canaryflow-controller demo [--keep] [--fast] [--metrics auto|prometheus|web]</c>: the local demo.</summary>
public static class DemoCommand
{
    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var keep = new Option<bool>("--keep") { Description = "Leave everything running after the story and print how to reach it (Ctrl+C stops it)" };
        var fast = new Option<bool>("--fast") { Description = "Short pauses and analysis intervals (the test suite's pace)" };
        var metrics = new Option<DemoMetricsSource>("--metrics") { Description = "Where the analysis reads the canary's figures: auto (Prometheus if installed), prometheus or web", DefaultValueFactory = _ => DemoMetricsSource.Auto };
        var root = new RootCommand("The CanaryFlow demo: a canary promoted, a bad one aborted and reverted in Git, on a local cluster") { keep, fast, metrics };
        root.SetAction(async (parse, token) =>
        {
            var options = new DemoOptions
            {
                Keep = parse.GetValue(keep),
                Timings = parse.GetValue(fast) ? DemoTimings.Fast : DemoTimings.Normal,
                Metrics = parse.GetValue(metrics),
            };
            using var loggerFactory = LoggerFactory.Create(logging => logging
                .AddSimpleConsole(o => o.SingleLine = true)
                .SetMinimumLevel(LogLevel.Warning));
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, cancellationToken);
            try
            {
                var report = await new DemoRunner(options, Console.Out, loggerFactory).RunAsync(linked.Token).ConfigureAwait(false);
                return report.Succeeded ? 0 : 1;
            }
            catch (InvalidOperationException e)
            {
                await Console.Error.WriteLineAsync("canaryflow demo: " + e.Message).ConfigureAwait(false);
                return 2;
            }
        });
        return root.Parse(args).InvokeAsync(new InvocationConfiguration(), cancellationToken);
    }
}
